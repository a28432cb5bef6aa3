import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  DEFAULT_JOURNALS,
  longestPrefixParent,
  PCG_ASSOCIATIONS,
} from '#reference/pcg_associations'

/**
 * Seeds the association chart and the usual journals for one organisation (idempotent: existing
 * numbers and codes are kept). Inserted in prefix order so each account finds its parent.
 */
export async function seedChartOfAccounts(organisationId: number, trx: TransactionClientContract) {
  const existing = await trx
    .from('accounts')
    .where('organisation_id', organisationId)
    .select('id', 'number')
  const ids = new Map<string, number>(existing.map((row) => [row.number, row.id]))
  const sorted = [...PCG_ASSOCIATIONS].sort((a, b) => a.number.length - b.number.length)
  for (const account of sorted) {
    if (ids.has(account.number)) continue
    const parent = longestPrefixParent(account.number, ids.keys())
    const [row] = await trx
      .insertQuery()
      .table('accounts')
      .insert({
        organisation_id: organisationId,
        number: account.number,
        label: account.label,
        parent_id: parent ? ids.get(parent) : null,
        is_system: true,
        valid_from_year: account.validFromYear ?? null,
        valid_to_year: account.validToYear ?? null,
      })
      .returning('id')
    ids.set(account.number, row.id ?? row)
  }
  for (const journal of DEFAULT_JOURNALS) {
    await trx
      .insertQuery()
      .table('journals')
      .insert({ organisation_id: organisationId, ...journal })
      .onConflict(['organisation_id', 'code'])
      .ignore()
  }
  return ids
}
