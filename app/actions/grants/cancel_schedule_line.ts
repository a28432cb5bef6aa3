import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { CancellationInput } from '#validators/grants'
import { cancelMatchedItem } from '#actions/grants/corrections'

/**
 * Cancels an instalment with a reason: it stays on the schedule, struck out, and counts in no
 * total; the receipts matched to it are matched to nothing any more.
 */
export default class CancelScheduleLine {
  static handle(
    tenant: Tenant,
    input: CancellationInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const { item: line, released } = await cancelMatchedItem(tenant, 'schedule', input, t)
      return { line, released }
    })
  }
}
