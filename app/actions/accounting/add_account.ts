import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import Account from '#models/accounting/account'
import { LedgerError } from '#actions/accounting/errors'
import { abolishedAncestor, longestPrefixParent } from '#reference/pcg_associations'

/**
 * Adds a sub-account under the longest existing prefix of its number. An account the chart of
 * the organisation's latest fiscal year abolishes (2025 chart: 79x, 777) takes no new
 * sub-account; the refusal names the replacement.
 */
export default class AddAccount {
  static handle(
    tenant: Tenant,
    input: { number: string; label: string },
    trx?: TransactionClientContract
  ) {
    const organisationId = tenant.organisationId
    return withTransaction(trx, async (t) => {
      const existing = await t
        .from('accounts')
        .where('organisation_id', organisationId)
        .select('id', 'number')
      const numbers = new Map(existing.map((row) => [row.number as string, row.id as number]))
      if (numbers.has(input.number)) throw new LedgerError(`Le compte ${input.number} existe déjà.`)
      const parent = longestPrefixParent(input.number, numbers.keys())
      if (!parent) throw new LedgerError(`Aucun compte du plan n’est parent de ${input.number}.`)
      const latest = await t
        .from('fiscal_years')
        .where('organisation_id', organisationId)
        .select(t.raw('extract(year FROM max(start_date))::int AS year'))
        .first()
      const year: number = latest?.year ?? new Date().getFullYear()
      const abolished = abolishedAncestor(input.number, year)
      if (abolished) throw new LedgerError(abolished.message)
      return Account.create(
        {
          organisationId,
          number: input.number,
          label: input.label,
          parentId: numbers.get(parent)!,
          isSystem: false,
        },
        { client: t }
      )
    })
  }
}
