import { createWriteStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { once } from 'node:events'
import { join } from 'node:path'
import type { Database } from '@adonisjs/lucid/database'
import { writeFec } from '#exports/accounting/fec_export'
import { fecLines, LedgerLines } from '#reports/accounting/ledger_lines'
import { readAll, scaled, timeAndMemory, withBenchLedger } from './ledger_fixtures.js'

/**
 * FEC export (ISO-8859-15) of a 1,000,000-line year (BENCH_SCALE scales it: 0.01 for a quick
 * check), streamed to a file: time against reading the same rows in validation order from
 * PostgreSQL alone, and peak memory against the RSS before it (it must not grow with the year).
 */
export default async function (ctx: { db: Database; organisationId?: number }) {
  return withBenchLedger(ctx.db, scaled(1_000_000), { imported: true }, async (ledger) => {
    const fecOf = async () =>
      (await new LedgerLines(ledger.tenant, fecLines(ledger.fiscalYearId)).build()).lines
    const read = await readAll(fecOf)
    const count = read.count.toLocaleString('fr-FR')
    const path = join(ledger.dir, 'FEC.txt')
    return timeAndMemory(
      read.seconds,
      async () => {
        const out = createWriteStream(path)
        const written = await writeFec(out, await fecOf())
        out.end()
        await once(out, 'finish')
        return written
      },
      async (written, rise) => {
        if (written.lines !== read.count || read.count !== ledger.fec.lines)
          throw new Error(`FEC export wrote ${written.lines} lines for ${ledger.fec.lines}`)
        const size = ((await stat(path)).size / 1e6).toFixed(1)
        return {
          time: `Export FEC de ${count} lignes (vs lecture SQL seule), ${size} Mo`,
          memory: `Export FEC de ${count} lignes : pic de mémoire (vs RSS avant export)`,
          note: `fichier de ${size} Mo, pic à +${rise.toFixed(1)} Mo`,
        }
      }
    )
  })
}
