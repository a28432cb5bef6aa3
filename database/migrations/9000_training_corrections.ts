import { BaseSchema } from '@adonisjs/lucid/schema'
import { addCancellation } from '#database/sql/cancellation'

/**
 * Corrections of the training records (issue #15).
 *
 * - Training actions, sessions, participations and financing lines can be cancelled with a
 *   reason, like a convention's records (8800): the row stays, with when, who (a membership)
 *   and why; a cancelled row is frozen (the same trigger function as 8800) and counts in no total.
 * - A participation is unique per session and employee among the rows not cancelled, so that a
 *   cancelled one can be recorded again.
 * - The OPCO refund recorded against a financing request: never negative, never received before
 *   it was requested, and a received amount has its date.
 */

const CANCELLABLE = [
  'training_actions',
  'training_sessions',
  'training_participants',
  'training_financing_lines',
] as const

const PARTICIPANT_UNIQUE = 'training_participants_training_session_id_employee_id_unique'

export default class extends BaseSchema {
  async up() {
    for (const table of CANCELLABLE) {
      this.schema.raw(addCancellation(table, ['cancelled_by']))
    }
    this.schema.raw(`
      ALTER TABLE training_participants DROP CONSTRAINT ${PARTICIPANT_UNIQUE};
      CREATE UNIQUE INDEX training_participants_active_unique
        ON training_participants (organisation_id, training_session_id, employee_id) WHERE cancelled_at IS NULL;
      ALTER TABLE training_financing_lines
        ADD CONSTRAINT training_financing_received_positive CHECK (amount_received >= 0),
        ADD CONSTRAINT training_financing_received_after_request
          CHECK (received_on IS NULL OR received_on >= requested_on),
        ADD CONSTRAINT training_financing_received_dated
          CHECK (amount_received = 0 OR received_on IS NOT NULL);
    `)
  }

  async down() {
    this.schema.raw(`
      ALTER TABLE training_financing_lines
        DROP CONSTRAINT training_financing_received_positive,
        DROP CONSTRAINT training_financing_received_after_request,
        DROP CONSTRAINT training_financing_received_dated;
      DROP INDEX training_participants_active_unique;
      DELETE FROM training_participants WHERE cancelled_at IS NOT NULL;
      ALTER TABLE training_participants
        ADD CONSTRAINT ${PARTICIPANT_UNIQUE} UNIQUE (training_session_id, employee_id);
    `)
    for (const table of CANCELLABLE) {
      this.schema.raw(`
        DROP TRIGGER ${table}_cancelled_frozen ON ${table};
        ALTER TABLE ${table} DROP COLUMN cancelled_at, DROP COLUMN cancelled_by,
          DROP COLUMN cancelled_actor, DROP COLUMN cancel_reason;
      `)
    }
  }
}
