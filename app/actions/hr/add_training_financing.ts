import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import TrainingFinancingLine from '#models/hr/training_financing_line'
import { RuleError } from '#support/domain_errors'
import { roundCents } from '#support/money'
import type { Tenant } from '#support/request_context'
import { liveParent } from '#actions/hr/training_records'
import { withTransaction } from '#support/transaction'
import type { TrainingFinancingInput } from '#validators/hr'

/** Records a financing line of a training action; Uniformation, and only it, needs a mode. */
export default class AddTrainingFinancing {
  static handle(_tenant: Tenant, input: TrainingFinancingInput, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      await liveParent('action', input.trainingActionId, t)
      if ((input.funder === 'uniformation') !== Boolean(input.mode)) {
        throw new RuleError(
          'Le mode de financement est obligatoire pour Uniformation, et seulement pour elle.',
          { field: 'mode' }
        )
      }
      return TrainingFinancingLine.create(
        {
          trainingActionId: input.trainingActionId,
          funder: input.funder,
          mode: input.funder === 'uniformation' ? (input.mode ?? null) : null,
          requestedOn: DateTime.fromJSDate(input.requestedOn),
          amountExpected: roundCents(input.amountExpected),
          amountReceived: roundCents(input.amountReceived ?? 0),
          receivedOn: input.receivedOn ? DateTime.fromJSDate(input.receivedOn) : null,
        },
        { client: t }
      )
    })
  }
}
