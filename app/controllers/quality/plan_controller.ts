import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import { ACTION_STATUSES, AXIS_KINDS, AXIS_KIND_SHORT_LABELS, optionsOf } from '#vocabulary/quality'
import { axisCriterionValidator, axisValidator, planValidator } from '#validators/quality'
import { PlanOverview } from '#reports/quality/plan_overview'
import { planWorkbook } from '#exports/quality/plan'
import CreateStrategicPlan from '#actions/quality/create_strategic_plan'
import AddStrategicAxis from '#actions/quality/add_strategic_axis'
import LinkAxisCriterion from '#actions/quality/link_axis_criterion'
import { qualityCrumbs } from '#controllers/quality/params'

export default class PlanController {
  async index({ view, tenant }: HttpContext) {
    const data = await new PlanOverview(tenant!, { forms: true }).build()
    return view.render('pages/quality/plan/index', {
      ...data,
      axisKinds: optionsOf(AXIS_KINDS),
      actionStatuses: optionsOf(ACTION_STATUSES),
      axisKindShortLabels: AXIS_KIND_SHORT_LABELS,
      breadcrumbs: qualityCrumbs({ label: 'Plan stratégique' }),
    })
  }

  async export({ tenant, response }: HttpContext) {
    const data = await new PlanOverview(tenant!, {}).build()
    return sendWorkbook(
      response,
      'plan-strategique.xlsx',
      await planWorkbook(data.progress, data.actions, data.groups)
    )
  }

  async storePlan({ request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(planValidator)
    await CreateStrategicPlan.handle(tenant!, payload)
    session.flash('success', 'Plan stratégique créé.')
    return response.redirect().toRoute('quality.plan.index')
  }

  async storeAxis({ request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(axisValidator)
    await AddStrategicAxis.handle(tenant!, payload)
    session.flash('success', 'Axe ajouté au plan.')
    return response.redirect().toRoute('quality.plan.index')
  }

  async linkCriterion({ params, request, response, session, tenant }: HttpContext) {
    const { criterionId } = await request.validateUsing(axisCriterionValidator)
    const criterion = await LinkAxisCriterion.handle(tenant!, {
      axisId: Number(params.id),
      criterionId,
    })
    session.flash('success', `Critère ${criterion.code} lié à l'axe.`)
    return response.redirect().toRoute('quality.plan.index')
  }
}
