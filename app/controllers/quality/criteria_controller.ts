import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import Criterion from '#models/quality/criterion'
import { criteriaList, statusHistory } from '#reports/quality/criteria_list'
import User from '#models/core/user'
import {
  ASSESSMENT_STATUSES,
  STATUS_LABELS,
  EVIDENCE_LINK_KINDS,
  LINK_KIND_LABELS,
} from '#models/quality/labels'
import { assessmentValidator } from '#validators/quality'
import { updateAssessment } from '#actions/quality/update_assessment'
import { calendarDate } from '#support/calendar_date'
import { criteriaWorkbook, historyWorkbook, referentialWorkbook } from '#exports/quality/criteria'
import qualityConfig from '#config/quality'
import { ACCEPTED_TYPES_TEXT } from '#actions/quality/attach_evidence'
import { NotFoundError } from '#support/domain_errors'

const crumbs = (label?: string) => [
  { label: 'Qualité', href: '/qualite' },
  { label: 'Critères', href: label ? '/qualite/criteres' : undefined },
  ...(label ? [{ label }] : []),
]

export default class CriteriaController {
  private load(request: HttpContext['request']) {
    return criteriaList(Number(request.input('referentiel')) || undefined)
  }

  async index({ view, request }: HttpContext) {
    const { referential, criteria } = await this.load(request)
    return view.render('pages/quality/criteria/index', {
      referential,
      criteria,
      breadcrumbs: crumbs(),
    })
  }

  async export({ request, response }: HttpContext) {
    const { criteria } = await this.load(request)
    return sendWorkbook(response, 'criteres-labellisation.xlsx', await criteriaWorkbook(criteria))
  }

  async referential({ request, response }: HttpContext) {
    const { referential, criteria } = await this.load(request)
    if (!referential)
      throw new NotFoundError('Aucun référentiel de labellisation n’est encore chargé.')
    return sendWorkbook(
      response,
      `referentiel-edition-${referential.edition}.xlsx`,
      await referentialWorkbook(referential, criteria)
    )
  }

  async history({ request, response, auth }: HttpContext) {
    const { referential } = await this.load(request)
    if (!referential)
      throw new NotFoundError('Aucun référentiel de labellisation n’est encore chargé.')
    const rows = await statusHistory(auth.user!.organisationId, referential.id)
    return sendWorkbook(response, 'historique-criteres.xlsx', await historyWorkbook(rows))
  }

  async show({ params, view }: HttpContext) {
    const criterion = await Criterion.query()
      .where('id', params.id)
      .preload('theme')
      .preload('referential')
      .preload('assessment', (q) => q.preload('owner'))
      .preload('statusChanges', (q) =>
        q.preload('user').orderBy('created_at', 'desc').orderBy('id', 'desc')
      )
      .preload('evidenceFiles', (q) => q.preload('uploader').orderBy('created_at', 'desc'))
      .preload('evidenceLinks', (q) => q.orderBy('created_at', 'desc'))
      .firstOrFail()
    const users = await User.query().where('is_active', true).orderBy('full_name')
    const statuses = ASSESSMENT_STATUSES.filter(
      (status) => status !== 'not_applicable' || criterion.referential.allowsNotApplicable
    )
    return view.render('pages/quality/criteria/show', {
      criterion,
      statusOptions: statuses.map((value) => ({ value, label: STATUS_LABELS[value] })),
      ownerOptions: [
        { value: '', label: '— Aucun —' },
        ...users.map((u) => ({ value: u.id, label: u.fullName })),
      ],
      linkKindOptions: EVIDENCE_LINK_KINDS.map((value) => ({
        value,
        label: LINK_KIND_LABELS[value],
      })),
      maxMegabytes: Math.round(qualityConfig.evidenceMaxBytes / (1024 * 1024)),
      acceptedTypes: ACCEPTED_TYPES_TEXT,
      breadcrumbs: crumbs(`${criterion.code} — ${criterion.title}`),
    })
  }

  async update({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(assessmentValidator)
    await updateAssessment(Number(params.id), {
      status: payload.status,
      ownerId: payload.ownerId ?? null,
      dueDate: calendarDate(payload.dueDate),
      comment: payload.comment ?? null,
      version: payload.version,
    })
    session.flash('success', 'Évaluation du critère enregistrée.')
    return response.redirect(`/qualite/criteres/${params.id}`)
  }
}
