import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import db from '@adonisjs/lucid/services/db'
import StrategicPlan from '#models/quality/strategic_plan'
import StrategicAxis from '#models/quality/strategic_axis'
import Criterion from '#models/quality/criterion'
import AxisCriterion from '#models/quality/axis_criterion'
import User from '#models/core/user'
import {
  ACTION_STATUSES,
  ACTION_STATUS_LABELS,
  AXIS_KINDS,
  AXIS_KIND_LABELS,
} from '#models/quality/labels'
import { axisCriterionValidator, axisValidator, planValidator } from '#validators/quality'
import { planOverview } from '#reports/quality/plan_overview'
import { planWorkbook } from '#exports/quality/plan'
import { RuleError } from '#support/domain_errors'

export default class PlanController {
  async index({ view, auth }: HttpContext) {
    const data = await planOverview(auth.user!.organisationId)
    const users = await User.query().where('is_active', true).orderBy('full_name')
    const criteria = await Criterion.query()
      .whereIn('referential_id', db.from('referentials').select('id').where('is_current', true))
      .orderBy('position')
    return view.render('pages/quality/plan/index', {
      ...data,
      users,
      criteria,
      axisKinds: AXIS_KINDS.map((value) => ({ value, label: AXIS_KIND_LABELS[value] })),
      actionStatuses: ACTION_STATUSES.map((value) => ({
        value,
        label: ACTION_STATUS_LABELS[value],
      })),
      breadcrumbs: [{ label: 'Qualité', href: '/qualite' }, { label: 'Plan stratégique' }],
    })
  }

  async export({ auth, response }: HttpContext) {
    const data = await planOverview(auth.user!.organisationId)
    return sendWorkbook(
      response,
      'plan-strategique.xlsx',
      await planWorkbook(data.progress, data.actions, data.groups)
    )
  }

  async storePlan({ request, response, session }: HttpContext) {
    const payload = await request.validateUsing(planValidator)
    if (payload.endYear < payload.startYear) {
      throw new RuleError("L'année de fin doit suivre l'année de début.", { field: 'endYear' })
    }
    await db.transaction((trx) =>
      StrategicPlan.create(
        { ...payload, announcedAxes: payload.announcedAxes ?? null },
        { client: trx }
      )
    )
    session.flash('success', 'Plan stratégique créé.')
    return response.redirect('/qualite/plan')
  }

  async storeAxis({ request, response, session }: HttpContext) {
    const payload = await request.validateUsing(axisValidator)
    const plan = await StrategicPlan.current().firstOrFail()
    await db.transaction(async (trx) => {
      const last = await trx
        .from('strategic_axes')
        .where('plan_id', plan.id)
        .max('position as position')
        .first()
      await StrategicAxis.create(
        {
          ...payload,
          description: payload.description ?? null,
          planId: plan.id,
          position: (last?.position ?? 0) + 1,
        },
        { client: trx }
      )
    })
    session.flash('success', 'Axe ajouté au plan.')
    return response.redirect('/qualite/plan')
  }

  async linkCriterion({ params, request, response, session }: HttpContext) {
    const { criterionId } = await request.validateUsing(axisCriterionValidator)
    const axis = await StrategicAxis.findOrFail(params.id)
    const criterion = await Criterion.findOrFail(criterionId)
    const exists = await AxisCriterion.query()
      .where('axis_id', axis.id)
      .where('criterion_id', criterion.id)
      .first()
    if (!exists) {
      await db.transaction((trx) =>
        AxisCriterion.create({ axisId: axis.id, criterionId: criterion.id }, { client: trx })
      )
    }
    session.flash('success', `Critère ${criterion.code} lié à l'axe.`)
    return response.redirect('/qualite/plan')
  }
}
