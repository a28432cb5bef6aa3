import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StrategicAction from '#models/quality/strategic_action'
import OrganisationPerson from '#models/core/organisation_person'
import { calendarDate } from '#support/calendar_date'
import { assertVersion, lockRow } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { ActionStatusForm } from '#validators/quality'

/**
 * The status of an action of the plan; with a title, the action corrected as a whole (title,
 * owner, due date). Audited; a stale form gets a conflict.
 */
export default class UpdateActionStatus {
  static handle(
    _tenant: Tenant,
    input: ActionStatusForm & { actionId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const action = await lockRow(StrategicAction, input.actionId, t)
      assertVersion(action, input.version)
      action.status = input.status
      if (input.title !== undefined) {
        // The owner already recorded may stay, even if they have left since.
        if (input.ownerId && input.ownerId !== action.ownerId) {
          await OrganisationPerson.assertChoosable(input.ownerId, 'ownerId', t)
        }
        action.merge({
          title: input.title,
          ownerId: input.ownerId ?? null,
          ownerName: input.ownerName ?? null,
          dueDate: calendarDate(input.dueDate),
        })
      }
      await action.save()
      return action
    })
  }
}
