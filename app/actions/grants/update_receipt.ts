import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { assertVersion } from '#support/optimistic_lock'
import { underDatabaseRules } from '#support/domain_errors'
import type { ReceiptUpdateInput } from '#validators/grants'
import { assertReceiptValues, parisDay } from '#actions/grants/conventions'
import { assertEditable, correctionOf } from '#actions/grants/corrections'
import { matchReceipt } from '#actions/grants/receipt_matching'

/**
 * Corrects a receipt matched neither to an instalment nor to a bank line, then matches it as
 * the form says (or automatically when unambiguous).
 */
export default class UpdateReceipt {
  static handle(
    tenant: Tenant,
    input: ReceiptUpdateInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const state = await correctionOf(tenant, 'receipt', input.id, t)
      assertEditable(state)
      const receipt = state.item
      const values = {
        receivedOn: parisDay(input.receivedOn),
        amount: input.amount,
        reference: input.reference ?? null,
        entryLineId: input.entryLineId ?? null,
      }
      await assertReceiptValues(state.grant, values, receipt.amount, t)
      assertVersion(receipt, input.version)
      receipt.merge(values)
      await underDatabaseRules(() => receipt.save())
      const matching = await matchReceipt(tenant, state.grant, receipt, input.allocations ?? [], t)
      return { receipt, matching }
    })
  }
}
