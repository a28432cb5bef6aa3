import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Database } from '@adonisjs/lucid/database'
import { importFec } from '#imports/accounting/fec_import'
import { writeFec } from '#exports/accounting/fec_export'
import { streamLedgerLines } from '#reports/accounting/ledger_lines'
import {
  benchOrganisation,
  dropBenchOrganisation,
  generateFec,
  scaled,
  withPeakRss,
} from './ledger_fixtures.js'

/**
 * FEC export (ISO-8859-15) of a 1,000,000-line year (BENCH_SCALE scales it: 0.01 for a quick
 * check), streamed to a file: time against reading the same rows in validation order from
 * PostgreSQL alone, and peak memory against the RSS before it (it must not grow with the year).
 */
export default async function (ctx: { db: Database; organisationId?: number }) {
  const { db } = ctx
  const fec = await generateFec(scaled(1_000_000))
  const { organisationId, fiscalYearId } = await benchOrganisation(db)
  const dir = await mkdtemp(join(tmpdir(), 'bench-fec-export-'))
  try {
    const imported = await importFec(fec.path, { organisationId, userId: null, fiscalYearId })
    if (imported.status !== 'committed') throw new Error('bench ledger import failed')

    const readStart = performance.now()
    let count = 0
    for await (const row of streamLedgerLines(
      organisationId,
      { fiscalYearId, status: 'validated' },
      'chain'
    ))
      if (row) count++
    const readSeconds = (performance.now() - readStart) / 1000

    global.gc?.()
    const rssBefore = process.memoryUsage().rss / 1024 / 1024
    const path = join(dir, 'FEC.txt')
    const start = performance.now()
    const { result, peakMb } = await withPeakRss(async () => {
      const out = createWriteStream(path)
      const written = await writeFec(out, organisationId, fiscalYearId)
      out.end()
      await once(out, 'finish')
      return written
    })
    const seconds = (performance.now() - start) / 1000
    if (result.lines !== count || count !== fec.lines)
      throw new Error(`FEC export wrote ${result.lines} lines for ${fec.lines}`)
    const size = (await stat(path)).size
    return [
      {
        name: `Export FEC de ${count.toLocaleString('fr-FR')} lignes (vs lecture SQL seule), ${(size / 1e6).toFixed(1)} Mo`,
        value: seconds,
        baseline: readSeconds,
        ratio: seconds / readSeconds,
        unit: 's',
      },
      {
        name: `Export FEC de ${count.toLocaleString('fr-FR')} lignes : pic de mémoire (vs RSS avant export)`,
        value: peakMb,
        baseline: rssBefore,
        ratio: peakMb / rssBefore,
        unit: 'Mo',
        note: `fichier de ${(size / 1e6).toFixed(1)} Mo, pic à +${(peakMb - rssBefore).toFixed(1)} Mo`,
      },
    ]
  } finally {
    await dropBenchOrganisation(db, organisationId)
    await rm(dir, { recursive: true, force: true })
    await rm(dirname(fec.path), { recursive: true, force: true })
  }
}
