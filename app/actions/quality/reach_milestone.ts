import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ActionMilestone from '#models/quality/action_milestone'
import { calendarDate } from '#support/calendar_date'
import { RuleError } from '#support/domain_errors'
import { lockRow } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { MilestoneReachedForm } from '#validators/quality'

/**
 * Marks a milestone as reached on the given day; with a title, corrects the milestone (title,
 * due date, day reached or none). Audited.
 */
export default class ReachMilestone {
  static handle(
    _tenant: Tenant,
    input: MilestoneReachedForm & { milestoneId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const milestone = await lockRow(ActionMilestone, input.milestoneId, t)
      if (input.title !== undefined) {
        milestone.merge({
          title: input.title,
          dueDate: calendarDate(input.dueDate),
          reachedOn: calendarDate(input.reachedOn),
        })
      } else if (!input.reachedOn) {
        throw new RuleError('Indiquez le jour où le jalon a été atteint.', { field: 'reachedOn' })
      } else {
        milestone.reachedOn = calendarDate(input.reachedOn)
      }
      await milestone.save()
      return milestone
    })
  }
}
