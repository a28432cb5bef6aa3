import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StrategicAction from '#models/quality/strategic_action'
import { calendarDate } from '#support/calendar_date'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { MilestoneForm } from '#validators/quality'

/** A milestone of an action of the plan (possibly already reached). */
export default class AddMilestone {
  static handle(
    _tenant: Tenant,
    input: MilestoneForm & { actionId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const action = await StrategicAction.findOrFail(input.actionId, { client: t })
      return action.related('milestones').create({
        title: input.title,
        dueDate: calendarDate(input.dueDate),
        reachedOn: calendarDate(input.reachedOn),
      })
    })
  }
}
