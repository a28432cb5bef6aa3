import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import TrainingCostLine from '#models/hr/training_cost_line'
import { roundCents } from '#support/money'
import type { Tenant } from '#support/request_context'
import { liveParent } from '#actions/hr/training_records'
import { withTransaction } from '#support/transaction'
import type { TrainingCostInput } from '#validators/hr'

/** Records a cost line (teaching, travel, salary...) of a training action. */
export default class AddTrainingCost {
  static handle(_tenant: Tenant, input: TrainingCostInput, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      await liveParent('action', input.trainingActionId, t)
      return TrainingCostLine.create(
        {
          trainingActionId: input.trainingActionId,
          kind: input.kind,
          incurredOn: DateTime.fromJSDate(input.incurredOn),
          amount: roundCents(input.amount),
        },
        { client: t }
      )
    })
  }
}
