import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { EventInput } from '#validators/grants'
import { addEvent, lockGrant, parisDay } from '#actions/grants/conventions'

/** Records a lifecycle step of the convention, whose status follows it. */
export default class RecordGrantEvent {
  static handle(
    _tenant: Tenant,
    input: EventInput & { grantId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) =>
      addEvent(
        await lockGrant(input.grantId, t),
        input.kind,
        parisDay(input.occurredOn),
        input.note ?? null,
        t
      )
    )
  }
}
