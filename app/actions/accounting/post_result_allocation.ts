import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { postAllocation } from '#actions/accounting/year_end'

/** Posts the entry of the recorded allocation of a closed year's result. */
export default class PostResultAllocation {
  static handle(tenant: Tenant, input: { id: number }, trx?: TransactionClientContract) {
    return withTransaction(trx, (t) =>
      postAllocation(t, tenant.organisationId, input.id, tenant.userId)
    )
  }
}
