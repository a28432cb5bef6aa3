import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { CancellationInput } from '#validators/grants'
import { cancelMatchedItem } from '#actions/grants/corrections'

/**
 * Cancels a receipt with a reason: it stays visible, struck out, with who and why, and counts
 * in no total; the instalments it paid are open again.
 */
export default class CancelReceipt {
  static handle(
    tenant: Tenant,
    input: CancellationInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const { item: receipt, released } = await cancelMatchedItem(tenant, 'receipt', input, t)
      return { receipt, released }
    })
  }
}
