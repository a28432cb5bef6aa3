import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { ScheduleInput } from '#validators/grants'
import { addScheduleLine, lockGrant, parisDay } from '#actions/grants/conventions'

/** Adds an expected payment to the convention's schedule (never above the awarded amount). */
export default class AddScheduleLine {
  static handle(
    _tenant: Tenant,
    input: ScheduleInput & { grantId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) =>
      addScheduleLine(
        await lockGrant(input.grantId, t),
        {
          kind: input.kind,
          label: input.label,
          expectedOn: parisDay(input.expectedOn),
          amount: input.amount,
        },
        t
      )
    )
  }
}
