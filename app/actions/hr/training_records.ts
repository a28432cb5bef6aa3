import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import TrainingAction from '#models/hr/training_action'
import TrainingSession from '#models/hr/training_session'
import TrainingParticipant from '#models/hr/training_participant'
import TrainingFinancingLine from '#models/hr/training_financing_line'
import { RuleError } from '#support/domain_errors'
import { assertVersion } from '#support/optimistic_lock'

/** The training records that can be corrected or cancelled (issue #15, migration 9000). */
export const TRAINING_RECORDS = {
  action: TrainingAction,
  session: TrainingSession,
  participation: TrainingParticipant,
  financing: TrainingFinancingLine,
} as const
export type TrainingRecordKind = keyof typeof TRAINING_RECORDS

/** French names of the records, in refusals and flashes. */
export const TRAINING_RECORD_NAMES: Record<TrainingRecordKind, string> = {
  action: 'Cette action de formation',
  session: 'Cette session',
  participation: 'Cette participation',
  financing: 'Cette demande de financement',
}

/**
 * A training record of the organisation, locked for a change (another organisation's is not
 * found); a cancelled record is refused, it stays as it was.
 */
export async function lockedTrainingRecord<K extends TrainingRecordKind>(
  kind: K,
  id: number,
  trx: TransactionClientContract
): Promise<InstanceType<(typeof TRAINING_RECORDS)[K]>> {
  const model = TRAINING_RECORDS[kind] as (typeof TRAINING_RECORDS)[TrainingRecordKind]
  const row = (await model
    .query({ client: trx })
    .where('id', id)
    .forUpdate()
    .firstOrFail()) as InstanceType<(typeof TRAINING_RECORDS)[K]>
  if (row.cancelledAt) {
    throw new RuleError(`${TRAINING_RECORD_NAMES[kind]} est annulée : elle reste telle quelle.`)
  }
  return row
}

/** A live (not cancelled) parent the record is attached to, or a refusal. */
export async function liveParent(
  kind: 'action' | 'session',
  id: number,
  trx: TransactionClientContract
) {
  const row = await TRAINING_RECORDS[kind].query({ client: trx }).where('id', id).firstOrFail()
  if (row.cancelledAt) {
    throw new RuleError(
      kind === 'action' ? 'Cette action de formation est annulée.' : 'Cette session est annulée.'
    )
  }
  return row
}

/**
 * A training record corrected by its form: locked, not cancelled, attached to a live parent
 * (the action of a session or a financing line, the session of a participation), at the version
 * the form was read at (bumped for the save).
 */
export async function correctedTrainingRecord<K extends TrainingRecordKind>(
  kind: K,
  id: number,
  version: number | undefined,
  trx: TransactionClientContract
): Promise<InstanceType<(typeof TRAINING_RECORDS)[K]>> {
  const row = await lockedTrainingRecord(kind, id, trx)
  if (row instanceof TrainingSession || row instanceof TrainingFinancingLine) {
    await liveParent('action', row.trainingActionId, trx)
  } else if (row instanceof TrainingParticipant) {
    await liveParent('session', row.trainingSessionId, trx)
  }
  assertVersion(row, version)
  return row
}
