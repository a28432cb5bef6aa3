import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Grant, {
  FLAT_RATE_OPTIONS,
  GRANT_STATUS_LABELS,
  DEADLINE_KIND_LABELS,
  SCHEDULE_KIND_LABELS,
} from '#models/grants/grant'
import Funder from '#models/grants/funder'
import Programme from '#models/activity/programme'
import { grantValidator, money, calendarDate } from '#validators/grants'
import { saveGrant, deleteGrant } from '#actions/grants/conventions'
import { GrantRuleError } from '#actions/grants/errors'
import { assertVersion } from '#support/optimistic_lock'
import { grantsSheet, grantDetailSheets } from '#exports/grants/sheets'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { GrantDetail } from '#reports/grants/grant_detail'
import { reportingDeadlines } from '#reports/grants/deadlines'
import { dayOf } from '#controllers/grants/day_param'

const crumbs = (label?: string, href?: string) => [
  { label: 'Financements', href: '/financements' },
  { label: 'Conventions', href: '/financements/conventions' },
  ...(label ? [{ label, href }] : []),
]

export default class GrantsController {
  async index({ view, request }: HttpContext) {
    const grants = await this.list(request.input('statut'))
    return view.render('pages/grants/grants/index', {
      grants,
      status: request.input('statut') ?? '',
      statusOptions: [
        { value: '', label: 'Tous' },
        ...Object.entries(GRANT_STATUS_LABELS).map(([value, label]) => ({ value, label })),
      ],
      breadcrumbs: crumbs(),
    })
  }

  async export({ request, response }: HttpContext) {
    const grants = await this.list(request.input('statut'))
    return sendWorkbook(
      response,
      'conventions.xlsx',
      await buildWorkbook([
        grantsSheet(
          grants.map((g) => ({
            ...g.serialize(),
            funder: g.funder.name,
            periodStart: g.periodStart,
            periodEnd: g.periodEnd,
            amountAwarded: g.amountAwarded,
            cofinancingRate: g.cofinancingRate,
          }))
        ),
      ])
    )
  }

  async show({ params, view, auth, request }: HttpContext) {
    const detail = await new GrantDetail(auth.user!.organisationId, Number(params.id)).compute()
    // Its reporting deadlines overdue and due within 90 days, at ?date= (today by default).
    const reporting = await reportingDeadlines(auth.user!.organisationId, {
      today: dayOf(request.input('date')),
      grantId: detail.grant.id,
    })
    const options = (labels: Record<string, string>) =>
      Object.entries(labels).map(([value, label]) => ({ value, label }))
    return view.render('pages/grants/grants/show', {
      ...detail,
      statusLabels: GRANT_STATUS_LABELS,
      statusOptions: options(GRANT_STATUS_LABELS),
      scheduleLabels: SCHEDULE_KIND_LABELS,
      scheduleOptions: options(SCHEDULE_KIND_LABELS),
      deadlineLabels: DEADLINE_KIND_LABELS,
      deadlineOptions: options(DEADLINE_KIND_LABELS),
      reportingDeadlines: reporting,
      breadcrumbs: crumbs(detail.grant.reference),
    })
  }

  async exportOne({ params, response, auth }: HttpContext) {
    const detail = await new GrantDetail(auth.user!.organisationId, Number(params.id)).compute()
    return sendWorkbook(
      response,
      `convention-${detail.grant.id}.xlsx`,
      await buildWorkbook(grantDetailSheets(detail))
    )
  }

  async create({ view }: HttpContext) {
    return view.render('pages/grants/grants/form', await this.formData(null))
  }

  async edit({ params, view }: HttpContext) {
    const grant = await Grant.query().where('id', params.id).preload('programmes').firstOrFail()
    return view.render('pages/grants/grants/form', await this.formData(grant))
  }

  async store({ request, response, session }: HttpContext) {
    const payload = await request.validateUsing(grantValidator)
    const grant = await db.transaction(async (trx) => {
      await Funder.query({ client: trx }).where('id', payload.funderId).firstOrFail()
      return saveGrant(
        { ...this.input(payload), amountAwarded: money(payload.amountAwarded, 'montant accordé')! },
        trx
      )
    })
    session.flash('success', 'Convention créée.')
    return response.redirect(`/financements/conventions/${grant.id}`)
  }

  async update({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(grantValidator)
    await db.transaction(async (trx) => {
      const grant = await Grant.query({ client: trx })
        .where('id', params.id)
        .forUpdate()
        .firstOrFail()
      await Funder.query({ client: trx }).where('id', payload.funderId).firstOrFail()
      assertVersion(grant, payload.version)
      await saveGrant({ ...this.input(payload), amountAwarded: grant.amountAwarded }, trx, grant)
    })
    session.flash('success', 'Convention mise à jour.')
    return response.redirect(`/financements/conventions/${params.id}`)
  }

  async destroy({ params, response, session }: HttpContext) {
    await db.transaction(async (trx) => {
      const grant = await Grant.query({ client: trx })
        .where('id', params.id)
        .forUpdate()
        .firstOrFail()
      await deleteGrant(grant, trx)
    })
    session.flash('success', 'Convention supprimée.')
    return response.redirect('/financements/conventions')
  }

  private input(payload: Awaited<ReturnType<typeof grantValidator.validate>>) {
    const rate = money(payload.cofinancingRate, 'taux de cofinancement (%)', false)
    if (rate && (rate.lte(0) || rate.gt(100)))
      throw new GrantRuleError('Le taux de cofinancement doit être compris entre 0 et 100 %.')
    return {
      funderId: payload.funderId,
      reference: payload.reference,
      title: payload.title,
      periodStart: calendarDate(payload.periodStart, 'début de période'),
      periodEnd: calendarDate(payload.periodEnd, 'fin de période'),
      cofinancingRate: rate ? rate.div(100) : null,
      revenueAccount: payload.revenueAccount ?? null,
      analyticCode: payload.analyticCode ?? null,
      flatRate: Number(payload.flatRate ?? 0),
      notes: payload.notes ?? null,
      programmeIds: payload.programmeIds ?? [],
    }
  }

  private list(status?: string) {
    const query = Grant.query().preload('funder').orderBy('reference')
    if (status && GRANT_STATUS_LABELS[status]) query.where('status', status)
    return query
  }

  private async formData(grant: Grant | null) {
    const funders = await Funder.query().whereNot('category', 'regroupement').orderBy('name')
    const programmes = await Programme.query().orderBy('name')
    return {
      grant,
      funderOptions: funders.map((f) => ({ value: f.id, label: f.name })),
      programmeOptions: programmes.map((p) => ({ value: p.id, label: p.name })),
      flatRateOptions: FLAT_RATE_OPTIONS.map((o) => ({ value: o.value, label: o.label })),
      selectedProgrammes: grant ? grant.programmes.map((p) => p.id) : [],
      breadcrumbs: crumbs(grant ? grant.reference : 'Nouvelle convention'),
    }
  }
}
