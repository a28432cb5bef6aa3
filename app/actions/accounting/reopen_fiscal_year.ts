import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { reopenFiscalYear } from '#actions/accounting/year_end'

/** Reopens a closed fiscal year for a stated reason; its à-nouveaux are reversed. */
export default class ReopenFiscalYear {
  static handle(
    tenant: Tenant,
    input: { id: number; motif: string },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, (t) =>
      reopenFiscalYear(t, tenant.organisationId, input.id, tenant.userId, input.motif)
    )
  }
}
