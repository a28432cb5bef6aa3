import { rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Database } from '@adonisjs/lucid/database'
import { importFec } from '#imports/accounting/fec_import'
import {
  benchOrganisation,
  dropBenchOrganisation,
  generateFec,
  scaled,
  withPeakRss,
} from './ledger_fixtures.js'

/**
 * FEC import of 1,000,000 generated lines (BENCH_SCALE scales it) against PostgreSQL COPY of the
 * same file into a plain table of 18 text columns, in the same run. Target: ratio <= 2.
 * Runs in its own throwaway organisation (ctx.organisationId is left untouched).
 */
export default async function (ctx: { db: Database; organisationId?: number }) {
  const { db } = ctx
  const fec = await generateFec(scaled(1_000_000))
  const { organisationId, fiscalYearId } = await benchOrganisation(db)
  try {
    // Baseline: COPY of the same rows (server-side file; the embedded server runs locally).
    await db.rawQuery(`DROP TABLE IF EXISTS bench_fec_copy`)
    await db.rawQuery(
      `CREATE UNLOGGED TABLE bench_fec_copy (${Array.from({ length: 18 }, (_, i) => `c${i + 1} text`).join(', ')})`
    )
    const copyStart = performance.now()
    await db.rawQuery(
      `COPY bench_fec_copy FROM '${fec.path.replaceAll("'", "''")}' WITH (FORMAT text, DELIMITER E'\\t', HEADER true)`
    )
    const copySeconds = (performance.now() - copyStart) / 1000
    await db.rawQuery(`DROP TABLE bench_fec_copy`)

    global.gc?.()
    const rssBefore = process.memoryUsage().rss / 1024 / 1024
    const start = performance.now()
    const { result, peakMb } = await withPeakRss(() =>
      importFec(fec.path, { organisationId, userId: null, fiscalYearId, fileName: 'bench.txt' })
    )
    const seconds = (performance.now() - start) / 1000
    if (result.status !== 'committed') {
      throw new Error(`bench FEC rejected: ${JSON.stringify(result.errors.slice(0, 5))}`)
    }
    return [
      {
        name: `FEC import, ${fec.lines.toLocaleString('fr-FR')} lignes (vs COPY)`,
        value: seconds,
        baseline: copySeconds,
        ratio: seconds / copySeconds,
        unit: 's',
      },
      {
        name: `FEC import, pic de mémoire (RSS, vs RSS avant import) pour ${fec.lines.toLocaleString('fr-FR')} lignes`,
        value: peakMb,
        baseline: rssBefore,
        ratio: peakMb / rssBefore,
        unit: 'Mo',
      },
    ]
  } finally {
    await dropBenchOrganisation(db, organisationId)
    await rm(dirname(fec.path), { recursive: true, force: true })
  }
}
