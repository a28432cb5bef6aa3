import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { AllocationInput } from '#validators/grants'
import { allocateLine, lockGrant } from '#actions/grants/conventions'

/** Attributes (part of) a ledger line booked without the convention to it. */
export default class AllocateLedgerLine {
  static handle(
    _tenant: Tenant,
    input: AllocationInput & { grantId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) =>
      allocateLine(
        await lockGrant(input.grantId, t),
        { entryLineId: input.entryLineId, amount: input.amount ?? null },
        t
      )
    )
  }
}
