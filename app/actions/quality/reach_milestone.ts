import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ActionMilestone from '#models/quality/action_milestone'
import { calendarDate } from '#support/calendar_date'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/** Marks a milestone as reached on the given day. */
export default class ReachMilestone {
  static handle(
    _tenant: Tenant,
    input: { milestoneId: number; reachedOn: Date },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const milestone = await ActionMilestone.query({ client: t })
        .where('id', input.milestoneId)
        .forUpdate()
        .firstOrFail()
      milestone.reachedOn = calendarDate(input.reachedOn)
      await milestone.save()
      return milestone
    })
  }
}
