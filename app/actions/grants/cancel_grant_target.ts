import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { CancellationInput } from '#validators/grants'
import { cancelItem, correctionOf } from '#actions/grants/corrections'

/** Cancels an activity target with a reason; a corrected one may then be entered. */
export default class CancelGrantTarget {
  static handle(
    tenant: Tenant,
    input: CancellationInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) =>
      cancelItem(tenant, await correctionOf(tenant, 'target', input.id, t), input.reason)
    )
  }
}
