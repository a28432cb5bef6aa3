import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { ReceiptInput } from '#validators/grants'
import { addReceipt, lockGrant, parisDay } from '#actions/grants/conventions'

/** Records a payment received from the funder (never above the awarded amount). */
export default class RecordReceipt {
  static handle(
    _tenant: Tenant,
    input: ReceiptInput & { grantId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) =>
      addReceipt(
        await lockGrant(input.grantId, t),
        {
          receivedOn: parisDay(input.receivedOn),
          amount: input.amount,
          reference: input.reference,
          scheduleId: input.scheduleId,
          entryLineId: input.entryLineId,
        },
        t
      )
    )
  }
}
