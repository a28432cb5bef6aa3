import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { CancellationInput } from '#validators/grants'
import { cancelItem, correctionOf } from '#actions/grants/corrections'

/** Cancels a reporting deadline with a reason: it is no longer due (nor overdue). */
export default class CancelGrantDeadline {
  static handle(
    tenant: Tenant,
    input: CancellationInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) =>
      cancelItem(tenant, await correctionOf(tenant, 'deadline', input.id, t), input.reason)
    )
  }
}
