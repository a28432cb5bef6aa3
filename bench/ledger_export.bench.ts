import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Database } from '@adonisjs/lucid/database'
import { importFec } from '#imports/accounting/fec_import'
import { streamLedgerLinesWorkbook } from '#exports/accounting/ledger_export'
import { streamLedgerLines } from '#reports/accounting/ledger_lines'
import {
  benchOrganisation,
  dropBenchOrganisation,
  generateFec,
  scaled,
  withPeakRss,
} from './ledger_fixtures.js'

/**
 * Excel export of 100,000 ledger lines (BENCH_SCALE scales it), streamed to a file: time against
 * reading the same rows from PostgreSQL alone, and peak memory against the RSS before it.
 */
export default async function (ctx: { db: Database; organisationId?: number }) {
  const { db } = ctx
  const fec = await generateFec(scaled(100_000))
  const { organisationId, fiscalYearId } = await benchOrganisation(db)
  const dir = await mkdtemp(join(tmpdir(), 'bench-xlsx-'))
  try {
    const imported = await importFec(fec.path, { organisationId, userId: null, fiscalYearId })
    if (imported.status !== 'committed') throw new Error('bench ledger import failed')
    const filters = { fiscalYearId }

    const readStart = performance.now()
    let count = 0
    for await (const row of streamLedgerLines(organisationId, filters, 'date')) if (row) count++
    const readSeconds = (performance.now() - readStart) / 1000

    global.gc?.()
    const rssBefore = process.memoryUsage().rss / 1024 / 1024
    const path = join(dir, 'ecritures.xlsx')
    const start = performance.now()
    const { peakMb } = await withPeakRss(async () => {
      const out = createWriteStream(path)
      await streamLedgerLinesWorkbook(out, organisationId, filters)
      if (!out.writableFinished) await once(out, 'finish')
    })
    const seconds = (performance.now() - start) / 1000
    const size = (await stat(path)).size
    return [
      {
        name: `Export Excel de ${count.toLocaleString('fr-FR')} lignes d’écritures (vs lecture SQL seule), ${(size / 1e6).toFixed(1)} Mo`,
        value: seconds,
        baseline: readSeconds,
        ratio: seconds / readSeconds,
        unit: 's',
      },
      {
        name: `Export Excel de ${count.toLocaleString('fr-FR')} lignes : pic de mémoire (vs RSS avant export)`,
        value: peakMb,
        baseline: rssBefore,
        ratio: peakMb / rssBefore,
        unit: 'Mo',
      },
    ]
  } finally {
    await dropBenchOrganisation(db, organisationId)
    await rm(dir, { recursive: true, force: true })
    await rm(dirname(fec.path), { recursive: true, force: true })
  }
}
