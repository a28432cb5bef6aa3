import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import TrainingSession from '#models/hr/training_session'
import type { Tenant } from '#support/request_context'
import { liveParent } from '#actions/hr/training_records'
import { withTransaction } from '#support/transaction'
import type { TrainingSessionInput } from '#validators/hr'

/** Adds a session (dates, place) to a training action of the organisation. */
export default class AddTrainingSession {
  static handle(_tenant: Tenant, input: TrainingSessionInput, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      await liveParent('action', input.trainingActionId, t)
      return TrainingSession.create(
        {
          trainingActionId: input.trainingActionId,
          startDate: DateTime.fromJSDate(input.startDate),
          endDate: DateTime.fromJSDate(input.endDate),
          place: input.place ?? null,
        },
        { client: t }
      )
    })
  }
}
