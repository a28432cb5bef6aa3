import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { underDatabaseRules } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { TrainingSessionUpdateInput } from '#validators/hr'
import { correctedTrainingRecord } from '#actions/hr/training_records'

/** Corrects a session's dates and place (not cancelled, of a live action); audited. */
export default class UpdateTrainingSession {
  static handle(
    _tenant: Tenant,
    input: TrainingSessionUpdateInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const session = await correctedTrainingRecord('session', input.id, input.version, t)
      session.merge({
        startDate: DateTime.fromJSDate(input.startDate),
        endDate: DateTime.fromJSDate(input.endDate),
        place: input.place ?? null,
      })
      await underDatabaseRules(() => session.save())
      return session
    })
  }
}
