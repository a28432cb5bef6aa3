import type { Database } from '@adonisjs/lucid/database'
import { importFec } from '#imports/accounting/fec_import'
import { scaled, timeAndMemory, timed, withBenchLedger } from './ledger_fixtures.js'

/**
 * FEC import of 1,000,000 generated lines (BENCH_SCALE scales it) against PostgreSQL COPY of the
 * same file into a plain table of 18 text columns, in the same run. Target: ratio <= 2.
 * Runs in its own throwaway organisation (ctx.organisationId is left untouched).
 */
export default async function (ctx: { db: Database; organisationId?: number }) {
  const { db } = ctx
  return withBenchLedger(db, scaled(1_000_000), { imported: false }, async (ledger) => {
    const { fec, organisationId, fiscalYearId } = ledger
    // Baseline: COPY of the same rows (server-side file; the embedded server runs locally).
    await db.rawQuery(`DROP TABLE IF EXISTS bench_fec_copy`)
    await db.rawQuery(
      `CREATE UNLOGGED TABLE bench_fec_copy (${Array.from({ length: 18 }, (_, i) => `c${i + 1} text`).join(', ')})`
    )
    const copySeconds = await timed(() =>
      db.rawQuery(
        `COPY bench_fec_copy FROM '${fec.path.replaceAll("'", "''")}' WITH (FORMAT text, DELIMITER E'\\t', HEADER true)`
      )
    )
    await db.rawQuery(`DROP TABLE bench_fec_copy`)

    const lines = fec.lines.toLocaleString('fr-FR')
    return timeAndMemory(
      copySeconds,
      () =>
        importFec(fec.path, { organisationId, userId: null, fiscalYearId, fileName: 'bench.txt' }),
      (result) => {
        if (result.status !== 'committed') {
          throw new Error(`bench FEC rejected: ${JSON.stringify(result.errors.slice(0, 5))}`)
        }
        return {
          time: `FEC import, ${lines} lignes (vs COPY)`,
          memory: `FEC import, pic de mémoire (RSS, vs RSS avant import) pour ${lines} lignes`,
        }
      }
    )
  })
}
