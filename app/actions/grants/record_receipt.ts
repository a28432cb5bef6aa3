import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { ReceiptInput } from '#validators/grants'
import { addReceipt, lockGrant, parisDay } from '#actions/grants/conventions'
import { matchReceipt } from '#actions/grants/receipt_matching'

/**
 * Records a payment received from the funder (never above the awarded amount) and matches it to
 * the instalments it pays: those chosen in the form, or automatically when unambiguous.
 */
export default class RecordReceipt {
  static handle(
    tenant: Tenant,
    input: ReceiptInput & { grantId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const grant = await lockGrant(input.grantId, t)
      const receipt = await addReceipt(
        grant,
        {
          receivedOn: parisDay(input.receivedOn),
          amount: input.amount,
          reference: input.reference,
          entryLineId: input.entryLineId,
        },
        t
      )
      const matching = await matchReceipt(tenant, grant, receipt, input.allocations ?? [], t)
      return { receipt, matching }
    })
  }
}
