import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { sendWorkbook } from '#http/downloads'
import { CriteriaList, StatusHistory } from '#reports/quality/criteria_list'
import { CriterionDetail } from '#reports/quality/criterion_detail'
import { assessmentValidator } from '#validators/quality'
import UpdateAssessment from '#actions/quality/update_assessment'
import { calendarDate } from '#support/calendar_date'
import { criteriaWorkbook, historyWorkbook, referentialWorkbook } from '#exports/quality/criteria'
import qualityConfig from '#config/quality'
import { ACCEPTED_TYPES_TEXT } from '#actions/quality/attach_evidence'
import { NotFoundError } from '#support/domain_errors'
import { qualityCrumbs, referentialParam } from '#controllers/quality/params'

const NO_REFERENTIAL = 'Aucun référentiel de labellisation n’est encore chargé.'

export default class CriteriaController {
  async index({ view, request, tenant }: HttpContext) {
    const list = await new CriteriaList(tenant!, referentialParam(request)).build()
    return view.render('pages/quality/criteria/index', {
      ...list,
      breadcrumbs: qualityCrumbs({ label: 'Critères' }),
    })
  }

  async export({ request, response, tenant }: HttpContext) {
    const { criteria } = await new CriteriaList(tenant!, referentialParam(request)).build()
    return sendWorkbook(response, 'criteres-labellisation.xlsx', await criteriaWorkbook(criteria))
  }

  async referential({ request, response, tenant }: HttpContext) {
    const { referential, criteria } = await new CriteriaList(
      tenant!,
      referentialParam(request)
    ).build()
    if (!referential) throw new NotFoundError(NO_REFERENTIAL)
    const name = `referentiel-edition-${referential.edition}.xlsx`
    return sendWorkbook(response, name, await referentialWorkbook(referential, criteria))
  }

  async history({ request, response, tenant }: HttpContext) {
    const { referential, rows } = await new StatusHistory(
      tenant!,
      referentialParam(request)
    ).build()
    if (!referential) throw new NotFoundError(NO_REFERENTIAL)
    return sendWorkbook(response, 'historique-criteres.xlsx', await historyWorkbook(rows))
  }

  async show({ params, view, tenant }: HttpContext) {
    const detail = await new CriterionDetail(tenant!, { id: Number(params.id) }).build()
    const { criterion } = detail
    return view.render('pages/quality/criteria/show', {
      ...detail,
      maxMegabytes: Math.round(qualityConfig.evidenceMaxBytes / (1024 * 1024)),
      acceptedTypes: ACCEPTED_TYPES_TEXT,
      breadcrumbs: qualityCrumbs(
        { label: 'Critères', href: urlFor('quality.criteria.index') },
        { label: `${criterion.code} — ${criterion.title}` }
      ),
    })
  }

  async update({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(assessmentValidator)
    await UpdateAssessment.handle(tenant!, {
      criterionId: Number(params.id),
      status: payload.status,
      ownerId: payload.ownerId ?? null,
      dueDate: calendarDate(payload.dueDate),
      comment: payload.comment ?? null,
      version: payload.version,
    })
    session.flash('success', 'Évaluation du critère enregistrée.')
    return response.redirect().toRoute('quality.criteria.show', { id: params.id })
  }
}
