import db from '@adonisjs/lucid/services/db'
import StrategicPlan from '#models/quality/strategic_plan'
import StrategicAxis from '#models/quality/strategic_axis'
import StrategicAction from '#models/quality/strategic_action'
import WorkingGroup from '#models/quality/working_group'
import Criterion from '#models/quality/criterion'
import User from '#models/core/user'
import { PlanProgress } from '#reports/quality/plan_progress'
import { Report } from '#support/report'
import type { Tenant } from '#support/request_context'

/**
 * Everything the plan page shows: the latest plan, progress per axis, groups, actions; with
 * `forms`, also the choices of its forms (active users, criteria of the current referential).
 */
export class PlanOverview extends Report<{ forms?: boolean }, Awaited<ReturnType<typeof load>>> {
  async build() {
    return load(this.tenant, this.params.forms ?? false)
  }
}

async function load(tenant: Tenant, forms: boolean) {
  const [overview, users, criteria] = await Promise.all([
    plan(tenant),
    forms ? User.query().where('is_active', true).orderBy('full_name') : [],
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
  return { ...overview, users, criteria }
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
  return { plan: current, progress, axes, groups, actions }
}
