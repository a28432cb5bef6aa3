import db from '@adonisjs/lucid/services/db'
import StrategicPlan from '#models/quality/strategic_plan'
import StrategicAxis from '#models/quality/strategic_axis'
import StrategicAction from '#models/quality/strategic_action'
import type ActionMilestone from '#models/quality/action_milestone'
import WorkingGroup from '#models/quality/working_group'
import Criterion from '#models/quality/criterion'
import OrganisationPerson from '#models/core/organisation_person'
import { PlanProgress } from '#reports/quality/plan_progress'
import { Report } from '#support/report'
import type { Tenant } from '#support/request_context'

/**
 * Everything the plan page shows: the latest plan, progress per axis, groups, actions; with
 * `forms`, also the choices of its forms (the organisation's active members, criteria of the
 * current referential).
 */
export class PlanOverview extends Report<{ forms?: boolean }, Awaited<ReturnType<typeof load>>> {
  async build() {
    return load(this.tenant, this.params.forms ?? false)
  }
}

async function load(tenant: Tenant, forms: boolean) {
  const [overview, people, criteria] = await Promise.all([
    plan(tenant),
    forms ? OrganisationPerson.choosable() : [],
    forms
      ? Criterion.query()
          .whereIn(
            'referential_id',
            db
              .from('referentials')
              .select('id')
              .where('organisation_id', tenant.organisationId)
              .where('is_current', true)
          )
          .orderBy('position')
      : [],
  ])
  return { ...overview, people, criteria }
}

async function plan(tenant: Tenant) {
  const current = await StrategicPlan.current().first()
  if (!current) {
    return {
      plan: null,
      progress: [],
      axes: [] as StrategicAxis[],
      groups: [] as WorkingGroup[],
      actions: [] as StrategicAction[],
      archived: { axes: [], groups: [], actions: [], milestones: [] } as Archived,
    }
  }
  const [progress, axes, groups, actions] = await Promise.all([
    new PlanProgress(tenant, { planId: current.id }).build(),
    StrategicAxis.query()
      .where('plan_id', current.id)
      .preload('criteria', (q) => q.orderBy('position'))
      .orderBy('position'),
    WorkingGroup.query()
      .where('plan_id', current.id)
      .preload('axis')
      .preload('members', (q) => q.preload('user'))
      .orderBy('id'),
    StrategicAction.query()
      .whereIn(
        'axis_id',
        db
          .from('strategic_axes')
          .select('id')
          .where('organisation_id', tenant.organisationId)
          .where('plan_id', current.id)
      )
      .preload('owner')
      .preload('milestones', (q) => q.orderBy('due_date'))
      .orderBy('axis_id')
      .orderBy('id'),
  ])
  const live = <T extends { archivedAt: unknown }>(rows: T[]) => rows.filter((r) => !r.archivedAt)
  const gone = <T extends { archivedAt: unknown }>(rows: T[]) => rows.filter((r) => r.archivedAt)
  const archived: Archived = {
    axes: gone(axes),
    groups: gone(groups),
    actions: gone(actions),
    milestones: actions.flatMap((action) =>
      gone(action.milestones).map((milestone) => ({ milestone, action }))
    ),
  }
  for (const action of actions) action.$setRelated('milestones', live(action.milestones))
  return {
    plan: current,
    progress,
    axes: live(axes),
    groups: live(groups),
    actions: live(actions),
    archived,
  }
}

/** Archived items, shown apart and struck out: they count in no progress figure. */
interface Archived {
  axes: StrategicAxis[]
  groups: WorkingGroup[]
  actions: StrategicAction[]
  milestones: Array<{ milestone: ActionMilestone; action: StrategicAction }>
}
