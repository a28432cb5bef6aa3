import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import TrainingAction from '#models/hr/training_action'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { TrainingActionInput } from '#validators/hr'

/** Adds a training action to the plan. */
export default class CreateTrainingAction {
  static handle(_tenant: Tenant, input: TrainingActionInput, trx?: TransactionClientContract) {
    return withTransaction(trx, (t) =>
      TrainingAction.create(
        { title: input.title, provider: input.provider ?? null, kind: input.kind },
        { client: t }
      )
    )
  }
}
