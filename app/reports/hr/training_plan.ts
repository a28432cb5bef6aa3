import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'

export interface TrainingPlanAction {
  id: number
  title: string
  provider: string | null
  kind: string
  sessions: string
  participants: string
  days: string
  cost: string
  expected: string
  received: string
}

export interface TrainingPlanSession {
  id: number
  start_date: Date
  end_date: Date
  place: string | null
  title: string
}

export interface TrainingPlanResult {
  actions: TrainingPlanAction[]
  sessions: TrainingPlanSession[]
}

/** Training actions with their sessions, participant counts, costs and financing (no names). */
export default class TrainingPlan extends Report<Record<string, never>, TrainingPlanResult> {
  async build(): Promise<TrainingPlanResult> {
    const organisationId = this.tenant.organisationId
    const actions = await db.rawQuery(
      `SELECT a.id, a.title, a.provider, a.kind,
              (SELECT count(*) FROM training_sessions s WHERE s.training_action_id = a.id) AS sessions,
              (SELECT count(*) FROM training_participants p JOIN training_sessions s ON s.id = p.training_session_id
                WHERE s.training_action_id = a.id) AS participants,
              (SELECT COALESCE(sum(p.days), 0) FROM training_participants p JOIN training_sessions s ON s.id = p.training_session_id
                WHERE s.training_action_id = a.id) AS days,
              (SELECT COALESCE(sum(amount), 0) FROM training_cost_lines c WHERE c.training_action_id = a.id) AS cost,
              (SELECT COALESCE(sum(amount_expected), 0) FROM training_financing_lines f WHERE f.training_action_id = a.id) AS expected,
              (SELECT COALESCE(sum(amount_received), 0) FROM training_financing_lines f WHERE f.training_action_id = a.id) AS received
       FROM training_actions a WHERE a.organisation_id = ? ORDER BY a.title`,
      [organisationId]
    )
    const sessions: TrainingPlanSession[] = await db
      .from('training_sessions as s')
      .join('training_actions as a', 'a.id', 's.training_action_id')
      .where('s.organisation_id', organisationId)
      .orderBy('s.start_date', 'desc')
      .select('s.id', 's.start_date', 's.end_date', 's.place', 'a.title')
      .limit(500)
    return { actions: actions.rows as TrainingPlanAction[], sessions }
  }
}
