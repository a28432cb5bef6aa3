import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { underDatabaseRules } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { TrainingActionUpdateInput } from '#validators/hr'
import { correctedTrainingRecord } from '#actions/hr/training_records'

/** Corrects a training action (title, provider, kind) that is not cancelled; audited. */
export default class UpdateTrainingAction {
  static handle(
    _tenant: Tenant,
    input: TrainingActionUpdateInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const action = await correctedTrainingRecord('action', input.id, input.version, t)
      action.merge({ title: input.title, provider: input.provider ?? null, kind: input.kind })
      await underDatabaseRules(() => action.save())
      return action
    })
  }
}
