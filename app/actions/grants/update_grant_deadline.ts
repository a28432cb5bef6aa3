import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { assertVersion } from '#support/optimistic_lock'
import { underDatabaseRules } from '#support/domain_errors'
import type { DeadlineUpdateInput } from '#validators/grants'
import { parisDay } from '#actions/grants/conventions'
import { assertEditable, correctionOf } from '#actions/grants/corrections'

/** Corrects a reporting deadline that is not done yet. */
export default class UpdateGrantDeadline {
  static handle(
    tenant: Tenant,
    input: DeadlineUpdateInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const state = await correctionOf(tenant, 'deadline', input.id, t)
      assertEditable(state)
      const deadline = state.item
      assertVersion(deadline, input.version)
      deadline.merge({ kind: input.kind, label: input.label, dueOn: parisDay(input.dueOn) })
      await underDatabaseRules(() => deadline.save())
      return deadline
    })
  }
}
