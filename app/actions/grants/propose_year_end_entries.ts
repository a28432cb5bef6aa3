import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { proposeYearEndEntries } from '#actions/grants/year_end'

/** Proposes the conventions' year-end entries of a year as drafts of the ledger. */
export default class ProposeYearEndEntries {
  static handle(tenant: Tenant, input: { year: number }, trx?: TransactionClientContract) {
    return withTransaction(trx, (t) => proposeYearEndEntries(tenant, input.year, t))
  }
}
