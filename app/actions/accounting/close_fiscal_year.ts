import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { closeFiscalYear } from '#actions/accounting/year_end'

/** Closes a fiscal year and generates the à-nouveaux of the next one (see closeFiscalYear). */
export default class CloseFiscalYear {
  static handle(tenant: Tenant, input: { id: number }, trx?: TransactionClientContract) {
    return withTransaction(trx, (t) =>
      closeFiscalYear(t, tenant.organisationId, input.id, tenant.userId)
    )
  }
}
