import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { assertVersion } from '#support/optimistic_lock'
import { underDatabaseRules } from '#support/domain_errors'
import { formatDate } from '#support/french_format'
import type { EventUpdateInput } from '#validators/grants'
import { parisDay } from '#actions/grants/conventions'
import { assertEditable, correctionOf } from '#actions/grants/corrections'
import { GrantRuleError } from '#actions/grants/errors'

/**
 * Corrects the date or the note of a lifecycle step that fulfilled no deadline; the steps keep
 * their order (a step is dated between the steps around it).
 */
export default class UpdateGrantEvent {
  static handle(
    tenant: Tenant,
    input: EventUpdateInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const state = await correctionOf(tenant, 'event', input.id, t)
      assertEditable(state)
      const { after, before } = state.bounds
      if ((after && input.occurredOn < after) || (before && input.occurredOn > before)) {
        const range = [
          after && `après le ${formatDate(after)}`,
          before && `avant le ${formatDate(before)}`,
        ]
        throw new GrantRuleError(
          `L'étape garde sa place dans la vie de la convention : datez-la ${range.filter(Boolean).join(' et ')}.`,
          { field: 'occurredOn' }
        )
      }
      const step = state.item
      assertVersion(step, input.version)
      step.merge({ occurredOn: parisDay(input.occurredOn), note: input.note ?? null })
      await underDatabaseRules(() => step.save())
      return step
    })
  }
}
