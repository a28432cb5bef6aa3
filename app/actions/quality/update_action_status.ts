import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StrategicAction from '#models/quality/strategic_action'
import { assertVersion } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { ActionStatusForm } from '#validators/quality'

/** The status of an action of the plan; a stale form gets a conflict. */
export default class UpdateActionStatus {
  static handle(
    _tenant: Tenant,
    input: ActionStatusForm & { actionId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const action = await StrategicAction.query({ client: t })
        .where('id', input.actionId)
        .forUpdate()
        .firstOrFail()
      assertVersion(action, input.version)
      action.status = input.status
      await action.save()
      return action
    })
  }
}
