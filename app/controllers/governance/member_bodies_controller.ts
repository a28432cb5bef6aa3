import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import MemberBody from '#models/governance/member_body'
import Person from '#models/governance/person'
import { memberBodyValidator } from '#validators/governance'
import { assertVersion } from '#support/optimistic_lock'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { recomputeDerivedWeights } from '#actions/governance/derived_weights'
import * as rules from '#controllers/governance/member_rules'

const kindOptions = Object.entries(MemberBody.KINDS).map(([value, label]) => ({ value, label }))
const crumbs = (label?: string) => [
  { label: 'Gouvernance', href: '/gouvernance' },
  label ? { label: 'Membres', href: '/gouvernance/membres' } : { label: 'Membres' },
  ...(label ? [{ label }] : []),
]

/** Member bodies (legal entities) and the people who represent them. */
export default class MemberBodiesController {
  static async directory() {
    const bodies = await MemberBody.query().orderBy('name')
    const persons = await Person.query().orderBy('full_name')
    const of = (id: number | null) => persons.filter((p) => p.memberBodyId === id)
    return { bodies: bodies.map((body) => ({ body, persons: of(body.id) })), unattached: of(null) }
  }

  async index({ view }: HttpContext) {
    const directory = await MemberBodiesController.directory()
    return view.render('pages/governance/members', {
      ...directory,
      kinds: MemberBody.KINDS,
      breadcrumbs: crumbs(),
    })
  }

  async export({ response }: HttpContext) {
    const { bodies, unattached } = await MemberBodiesController.directory()
    const rows = [
      ...bodies.flatMap(({ body, persons }) =>
        (persons.length ? persons : [null]).map((person) => ({
          body: body.name,
          kind: MemberBody.KINDS[body.kind] ?? body.kind,
          active: body.isActive ? 'Oui' : 'Non',
          person: person?.fullName ?? '',
          email: person?.email ?? '',
        }))
      ),
      ...unattached.map((p) => ({
        body: '',
        kind: '',
        active: '',
        person: p.fullName,
        email: p.email ?? '',
      })),
    ]
    const columns = [
      { header: 'Membre', key: 'body', type: 'text' as const, width: 40 },
      { header: 'Catégorie', key: 'kind', type: 'text' as const, width: 30 },
      { header: 'Actif', key: 'active', type: 'text' as const },
      { header: 'Représentant', key: 'person', type: 'text' as const, width: 30 },
      { header: 'Adresse e-mail', key: 'email', type: 'text' as const, width: 30 },
    ]
    return sendWorkbook(
      response,
      'membres.xlsx',
      buildWorkbook([{ name: 'Membres', columns, rows }])
    )
  }

  async create({ view }: HttpContext) {
    return view.render('pages/governance/member_form', {
      body: null,
      kindOptions,
      breadcrumbs: crumbs('Nouveau membre'),
    })
  }

  async edit({ params, view }: HttpContext) {
    const body = await MemberBody.findOrFail(params.id)
    return view.render('pages/governance/member_form', {
      body,
      kindOptions,
      breadcrumbs: crumbs(body.name),
    })
  }

  async store({ request, response, session }: HttpContext) {
    const payload = await request.validateUsing(memberBodyValidator)
    await rules.uniqueName(() =>
      db.transaction(async (trx) => {
        await rules.assertBodyNameFree(payload.name, null, trx)
        await MemberBody.create(
          { name: payload.name, kind: payload.kind, isActive: payload.isActive ?? true },
          { client: trx }
        )
      })
    )
    session.flash('success', `Membre « ${payload.name} » créé.`)
    return response.redirect('/gouvernance/membres')
  }

  async update({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(memberBodyValidator)
    await rules.uniqueName(() =>
      db.transaction(async (trx) => {
        const body = await MemberBody.query({ client: trx })
          .where('id', params.id)
          .forUpdate()
          .firstOrFail()
        assertVersion(body, payload.version)
        await rules.assertBodyNameFree(payload.name, body.id, trx)
        const isActive = payload.isActive ?? false
        if (body.isActive && !isActive) await rules.assertBodyCanBeInactive(body, trx)
        const kindChanged = body.kind !== payload.kind
        body.merge({ name: payload.name, kind: payload.kind, isActive })
        await body.useTransaction(trx).save()
        // Derived vote weights depend on the kinds of the other members of a college.
        if (kindChanged)
          await recomputeDerivedWeights(DateTime.now().setZone('Europe/Paris').startOf('day'), trx)
      })
    )
    session.flash('success', `Membre « ${payload.name} » enregistré.`)
    return response.redirect('/gouvernance/membres')
  }

  async destroy({ params, response, session }: HttpContext) {
    const name = await db.transaction(async (trx) => {
      const body = await MemberBody.query({ client: trx })
        .where('id', params.id)
        .forUpdate()
        .firstOrFail()
      await rules.assertBodyCanBeDeleted(body, trx)
      await body.useTransaction(trx).delete()
      return body.name
    })
    session.flash('success', `Membre « ${name} » supprimé.`)
    return response.redirect('/gouvernance/membres')
  }
}
