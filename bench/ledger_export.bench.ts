import { createWriteStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { once } from 'node:events'
import { join } from 'node:path'
import type { Database } from '@adonisjs/lucid/database'
import { streamLedgerLinesWorkbook } from '#exports/accounting/ledger_export'
import { LedgerLines } from '#reports/accounting/ledger_lines'
import { readAll, scaled, timeAndMemory, withBenchLedger } from './ledger_fixtures.js'

/**
 * Excel export of 100,000 ledger lines (BENCH_SCALE scales it), streamed to a file: time against
 * reading the same rows from PostgreSQL alone, and peak memory against the RSS before it.
 */
export default async function (ctx: { db: Database; organisationId?: number }) {
  return withBenchLedger(ctx.db, scaled(100_000), { imported: true }, async (ledger) => {
    const lines = async () =>
      (
        await new LedgerLines(ledger.tenant, {
          filters: { fiscalYearId: ledger.fiscalYearId },
          order: 'date',
        }).build()
      ).lines
    const read = await readAll(lines)
    const count = read.count.toLocaleString('fr-FR')
    const path = join(ledger.dir, 'ecritures.xlsx')
    return timeAndMemory(
      read.seconds,
      async () => {
        const out = createWriteStream(path)
        await streamLedgerLinesWorkbook(out, await lines())
        if (!out.writableFinished) await once(out, 'finish')
      },
      async () => {
        const size = ((await stat(path)).size / 1e6).toFixed(1)
        return {
          time: `Export Excel de ${count} lignes d’écritures (vs lecture SQL seule), ${size} Mo`,
          memory: `Export Excel de ${count} lignes : pic de mémoire (vs RSS avant export)`,
        }
      }
    )
  })
}
