import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { labelOf } from '#vocabulary/labels'
import { TRAINING_FUNDERS, TRAINING_FUNDING_MODES, TRAINING_KINDS } from '#vocabulary/hr'

/** Who cancelled a record, when and why (null while it counts). */
interface Cancellation {
  cancelled_at: Date | null
  cancelled_actor: string | null
  cancel_reason: string | null
}

export interface TrainingPlanAction extends Cancellation {
  id: number
  version: number
  title: string
  provider: string | null
  kind: string
  kindLabel: string
  sessions: string
  participants: string
  days: string
  cost: string
  expected: string
  received: string
}

export interface TrainingPlanSession extends Cancellation {
  id: number
  version: number
  /** Calendar days come back from PostgreSQL as 'YYYY-MM-DD' (config/database.ts). */
  start_date: string
  end_date: string
  place: string | null
  title: string
  action_cancelled: boolean
}

export interface TrainingPlanFinancing extends Cancellation {
  id: number
  version: number
  title: string
  funder: string
  funderLabel: string
  mode: string | null
  modeLabel: string
  requested_on: string
  amount_expected: string
  received_on: string | null
  amount_received: string
  outstanding: string
  action_cancelled: boolean
}

export interface TrainingPlanResult {
  actions: TrainingPlanAction[]
  sessions: TrainingPlanSession[]
  financing: TrainingPlanFinancing[]
}

/**
 * Training actions with their sessions, participant counts, costs and financing (no names).
 * Cancelled records stay listed (struck out, with who and why) and count in no figure.
 */
export default class TrainingPlan extends Report<Record<string, never>, TrainingPlanResult> {
  async build(): Promise<TrainingPlanResult> {
    const organisationId = this.tenant.organisationId
    const live = `p.cancelled_at IS NULL AND s.cancelled_at IS NULL`
    const actions = await db.rawQuery(
      `SELECT a.id, a.version, a.title, a.provider, a.kind, a.cancelled_at, a.cancelled_actor, a.cancel_reason,
              (SELECT count(*) FROM training_sessions s WHERE s.training_action_id = a.id AND s.cancelled_at IS NULL) AS sessions,
              (SELECT count(*) FROM training_participants p JOIN training_sessions s ON s.id = p.training_session_id
                WHERE s.training_action_id = a.id AND ${live}) AS participants,
              (SELECT COALESCE(sum(p.days), 0) FROM training_participants p JOIN training_sessions s ON s.id = p.training_session_id
                WHERE s.training_action_id = a.id AND ${live}) AS days,
              (SELECT COALESCE(sum(amount), 0) FROM training_cost_lines c WHERE c.training_action_id = a.id) AS cost,
              (SELECT COALESCE(sum(amount_expected), 0) FROM training_financing_lines f
                WHERE f.training_action_id = a.id AND f.cancelled_at IS NULL) AS expected,
              (SELECT COALESCE(sum(amount_received), 0) FROM training_financing_lines f
                WHERE f.training_action_id = a.id AND f.cancelled_at IS NULL) AS received
       FROM training_actions a WHERE a.organisation_id = ? ORDER BY a.cancelled_at NULLS FIRST, a.title`,
      [organisationId]
    )
    const sessions: TrainingPlanSession[] = await db
      .from('training_sessions as s')
      .join('training_actions as a', 'a.id', 's.training_action_id')
      .where('s.organisation_id', organisationId)
      .orderBy('s.start_date', 'desc')
      .select(
        's.id',
        's.version',
        's.start_date',
        's.end_date',
        's.place',
        's.cancelled_at',
        's.cancelled_actor',
        's.cancel_reason',
        'a.title',
        db.raw('a.cancelled_at IS NOT NULL AS action_cancelled')
      )
      .limit(500)
    const financing = await db
      .from('training_financing_lines as f')
      .join('training_actions as a', 'a.id', 'f.training_action_id')
      .where('f.organisation_id', organisationId)
      .orderBy('f.requested_on', 'desc')
      .orderBy('f.id', 'desc')
      .select(
        'f.id',
        'f.version',
        'f.funder',
        'f.mode',
        'f.requested_on',
        'f.amount_expected',
        'f.received_on',
        'f.amount_received',
        db.raw('f.amount_expected - f.amount_received AS outstanding'),
        'f.cancelled_at',
        'f.cancelled_actor',
        'f.cancel_reason',
        'a.title',
        db.raw('a.cancelled_at IS NOT NULL AS action_cancelled')
      )
      .limit(500)
    return {
      actions: (actions.rows as TrainingPlanAction[]).map((a) => ({
        ...a,
        kindLabel: labelOf(TRAINING_KINDS, a.kind),
      })),
      sessions,
      financing: (financing as TrainingPlanFinancing[]).map((f) => ({
        ...f,
        funderLabel: labelOf(TRAINING_FUNDERS, f.funder),
        modeLabel: f.mode ? labelOf(TRAINING_FUNDING_MODES, f.mode) : '',
      })),
    }
  }
}
