import db from '@adonisjs/lucid/services/db'
import type { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import { Report } from '#support/report'

export interface AxisProgress {
  axisId: number
  kind: string
  position: number
  title: string
  actions: number
  actionsDone: number
  actionsAbandoned: number
  milestones: number
  milestonesReached: number
  criteria: number
  criteriaValidated: number
  /** Actions done over actions not abandoned; null without actions. */
  progress: Decimal | null
}

interface AxisProgressRecord {
  id: number
  kind: string
  position: number
  title: string
  actions: number
  actions_done: number
  actions_abandoned: number
  milestones: number
  milestones_reached: number
  criteria: number
  criteria_validated: number
}

/** Progress of each axis of a strategic plan, counted in SQL; archived items count nowhere. */
export class PlanProgress extends Report<{ planId: number }, AxisProgress[]> {
  async build() {
    return progressOf(this.tenant.organisationId, this.params.planId)
  }
}

async function progressOf(organisationId: number, planId: number): Promise<AxisProgress[]> {
  const result = await db.rawQuery<{ rows: AxisProgressRecord[] }>(
    `SELECT x.id, x.kind, x.position, x.title,
        (SELECT count(*) FROM strategic_actions a WHERE a.axis_id = x.id AND a.organisation_id = :org AND a.archived_at IS NULL)::int AS actions,
        (SELECT count(*) FROM strategic_actions a WHERE a.axis_id = x.id AND a.organisation_id = :org AND a.archived_at IS NULL AND a.status = 'done')::int AS actions_done,
        (SELECT count(*) FROM strategic_actions a WHERE a.axis_id = x.id AND a.organisation_id = :org AND a.archived_at IS NULL AND a.status = 'abandoned')::int AS actions_abandoned,
        (SELECT count(*) FROM action_milestones m JOIN strategic_actions a ON a.id = m.action_id
          WHERE a.axis_id = x.id AND m.organisation_id = :org
            AND a.archived_at IS NULL AND m.archived_at IS NULL)::int AS milestones,
        (SELECT count(*) FROM action_milestones m JOIN strategic_actions a ON a.id = m.action_id
          WHERE a.axis_id = x.id AND m.organisation_id = :org AND m.reached_on IS NOT NULL
            AND a.archived_at IS NULL AND m.archived_at IS NULL)::int AS milestones_reached,
        (SELECT count(*) FROM axis_criteria l WHERE l.axis_id = x.id AND l.organisation_id = :org)::int AS criteria,
        (SELECT count(*) FROM axis_criteria l JOIN criterion_assessments s ON s.criterion_id = l.criterion_id
          WHERE l.axis_id = x.id AND l.organisation_id = :org AND s.status = 'validated')::int AS criteria_validated
     FROM strategic_axes x
     WHERE x.organisation_id = :org AND x.plan_id = :plan AND x.archived_at IS NULL
     ORDER BY x.position, x.id`,
    { org: organisationId, plan: planId }
  )
  return result.rows.map((row) => {
    const open = row.actions - row.actions_abandoned
    return {
      axisId: row.id,
      kind: row.kind,
      position: row.position,
      title: row.title,
      actions: row.actions,
      actionsDone: row.actions_done,
      actionsAbandoned: row.actions_abandoned,
      milestones: row.milestones,
      milestonesReached: row.milestones_reached,
      criteria: row.criteria,
      criteriaValidated: row.criteria_validated,
      progress: open > 0 ? toMoney(row.actions_done).div(open) : null,
    }
  })
}
