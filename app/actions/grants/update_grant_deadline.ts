import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { DeadlineUpdateInput } from '#validators/grants'
import { parisDay } from '#actions/grants/conventions'
import { editItem } from '#actions/grants/corrections'

/** Corrects a reporting deadline that is not done yet. */
export default class UpdateGrantDeadline {
  static handle(
    tenant: Tenant,
    input: DeadlineUpdateInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, (t) =>
      editItem(
        tenant,
        'deadline',
        input,
        { kind: input.kind, label: input.label, dueOn: parisDay(input.dueOn) },
        t
      )
    )
  }
}
