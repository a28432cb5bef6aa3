import db from '@adonisjs/lucid/services/db'
import StrategicPlan from '#models/quality/strategic_plan'
import StrategicAxis from '#models/quality/strategic_axis'
import StrategicAction from '#models/quality/strategic_action'
import WorkingGroup from '#models/quality/working_group'
import { planProgress } from '#reports/quality/plan_progress'

/** Everything the plan page shows: the latest plan, progress per axis, groups, actions. */
export async function planOverview(organisationId: number) {
  const plan = await StrategicPlan.current().first()
  if (!plan) return { plan: null, progress: [], axes: [], groups: [], actions: [] }
  const [progress, axes, groups, actions] = await Promise.all([
    planProgress(organisationId, plan.id),
    StrategicAxis.query()
      .where('plan_id', plan.id)
      .preload('criteria', (q) => q.orderBy('position'))
      .orderBy('position'),
    WorkingGroup.query()
      .where('plan_id', plan.id)
      .preload('axis')
      .preload('members', (q) => q.preload('user'))
      .orderBy('id'),
    StrategicAction.query()
      .whereIn('axis_id', db.from('strategic_axes').select('id').where('plan_id', plan.id))
      .preload('owner')
      .preload('milestones', (q) => q.orderBy('due_date'))
      .orderBy('axis_id')
      .orderBy('id'),
  ])
  return { plan, progress, axes, groups, actions }
}
