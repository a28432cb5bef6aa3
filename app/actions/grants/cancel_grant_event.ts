import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import GrantDeadline from '#models/grants/grant_deadline'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { underDatabaseRules } from '#support/domain_errors'
import type { CancellationInput } from '#validators/grants'
import { liveSteps } from '#actions/grants/conventions'
import { cancelItem, correctionOf } from '#actions/grants/corrections'

/**
 * Cancels the last lifecycle step with a reason: the convention goes back to the step before
 * it, and the deadline the step had fulfilled is to be done again.
 */
export default class CancelGrantEvent {
  static handle(
    tenant: Tenant,
    input: CancellationInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const state = await correctionOf(tenant, 'event', input.id, t)
      const step = await cancelItem(tenant, state, input.reason)
      const reopened = await GrantDeadline.query({ client: t }).where('doneByEventId', step.id)
      for (const deadline of reopened) {
        deadline.merge({ doneOn: null, doneByEventId: null })
        deadline.version += 1
        await underDatabaseRules(() => deadline.save())
      }
      const previous = (await liveSteps(step.grantId, t)).at(-1)
      const grant = state.grant
      if (previous && grant.status !== previous.kind) {
        grant.status = previous.kind
        grant.version += 1
        await underDatabaseRules(() => grant.save())
      }
      return { step, reopened: reopened.length, status: grant.status }
    })
  }
}
