import db from '@adonisjs/lucid/services/db'
import { preparedRows } from '#support/prepared_query'

/** Rows of an organisation in ledger_versions beyond which a reader folds them into one. */
const COMPACT_ABOVE = 64
/** Figures kept in memory, all organisations together (the least recently read go first). */
const MAX_ENTRIES = 1000

/**
 * The ledger version of an organisation as the current transaction sees it (migration 9950):
 * a digest of its rows in ledger_versions, which changes with every commit that wrote its
 * ledger, chart, journals, fiscal years, layouts or budgets, and with every such statement of
 * the reader's own transaction.
 */
export async function ledgerVersion(organisationId: number): Promise<string> {
  // Prepared: every statement, balance and ledger page reads it, some twice (ADR 12).
  const rows = await preparedRows<{ version: string | null; count: number }>(
    `SELECT md5(string_agg(txid::text || ':' || stamp, ',' ORDER BY txid)) AS version,
            count(*)::int AS count
       FROM ledger_versions WHERE organisation_id = $1`,
    [organisationId]
  )
  if (rows[0].count > COMPACT_ABOVE) {
    await db.rawQuery('SELECT ledger_versions_compact(?)', [organisationId])
  }
  return rows[0].version ?? 'empty'
}

const cache = new Map<string, { version: string; value: Promise<unknown> }>()

/**
 * The figures `compute` gives for `key` of an organisation, computed once per ledger version:
 * the version is read before the figures, so figures are never older than the version they are
 * kept under (docs/adr/0012-page-speed.md). Concurrent readers of the same version share one
 * computation; a failed one is not kept. `copy` gives each reader its own object.
 */
export async function byLedgerVersion<T>(
  organisationId: number,
  key: string,
  compute: () => Promise<T>,
  copy: (value: T) => T
): Promise<T> {
  const version = await ledgerVersion(organisationId)
  const slot = `${organisationId}|${key}`
  const kept = cache.get(slot)
  if (kept && kept.version === version) {
    cache.delete(slot)
    cache.set(slot, kept)
    return copy((await kept.value) as T)
  }
  const value = compute()
  cache.set(slot, { version, value })
  value.catch(() => {
    if (cache.get(slot)?.value === value) cache.delete(slot)
  })
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!)
  return copy(await value)
}
