import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { underDatabaseRules } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { TrainingCancellationInput } from '#validators/hr'
import { lockedTrainingRecord, type TrainingRecordKind } from '#actions/hr/training_records'

/**
 * Cancels a training action, session, participation or financing line with a reason: the row
 * stays, struck out with who and why, frozen by the database, and counts in no total (nor do
 * the sessions, participations and financing of a cancelled action). Audited as an update.
 */
export default class CancelTrainingRecord {
  static handle<K extends TrainingRecordKind>(
    tenant: Tenant,
    input: TrainingCancellationInput & { kind: K; id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const row = await lockedTrainingRecord(input.kind, input.id, t)
      row.merge({
        cancelledAt: DateTime.now(),
        cancelledBy: tenant.userId,
        cancelledActor: tenant.label,
        cancelReason: input.reason,
      })
      row.version += 1
      await underDatabaseRules(async () => {
        await row.save()
      })
      return row
    })
  }
}
