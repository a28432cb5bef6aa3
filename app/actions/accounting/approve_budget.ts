import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { approveBudget } from '#actions/accounting/budgets'

/** Approves a budget: it does not change any more (a revised version is made instead). */
export default class ApproveBudget {
  static handle(tenant: Tenant, input: { id: number }, trx?: TransactionClientContract) {
    return withTransaction(trx, (t) =>
      approveBudget(t, tenant.organisationId, input.id, tenant.userId)
    )
  }
}
