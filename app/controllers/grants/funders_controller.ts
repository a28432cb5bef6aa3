import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Funder, { FUNDER_CATEGORY_LABELS } from '#models/grants/funder'
import { funderValidator } from '#validators/grants'
import { assertVersion } from '#support/optimistic_lock'
import { FunderTree } from '#reports/grants/funder_tree'
import { fundersSheet } from '#exports/grants/sheets'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { GrantRuleError, withDatabaseGuards } from '#actions/grants/errors'
import { yearOf } from '#controllers/grants/year_param'

/** The funders' tree with the figures of the requested year (?annee=). */
function treeFor(auth: HttpContext['auth'], request: HttpContext['request']) {
  return new FunderTree(
    auth.user!.organisationId,
    undefined,
    yearOf(request.input('annee'))
  ).compute()
}

const categoryOptions = Object.entries(FUNDER_CATEGORY_LABELS).map(([value, label]) => ({
  value,
  label,
}))
const crumbs = (label?: string) => [
  { label: 'Financements', href: '/financements' },
  { label: 'Financeurs', href: label ? '/financements/financeurs' : undefined },
  ...(label ? [{ label }] : []),
]

export default class FundersController {
  async index({ view, auth, request }: HttpContext) {
    const tree = await treeFor(auth, request)
    return view.render('pages/grants/funders/index', { tree, breadcrumbs: crumbs() })
  }

  async export({ response, auth, request }: HttpContext) {
    const tree = await treeFor(auth, request)
    return sendWorkbook(
      response,
      `financeurs-${tree.year}.xlsx`,
      await buildWorkbook([fundersSheet(tree.rows as any, tree.year)])
    )
  }

  async create({ view }: HttpContext) {
    return view.render('pages/grants/funders/form', await this.formData(null))
  }

  async edit({ params, view }: HttpContext) {
    return view.render(
      'pages/grants/funders/form',
      await this.formData(await Funder.findOrFail(params.id))
    )
  }

  async store({ request, response, session }: HttpContext) {
    const payload = await request.validateUsing(funderValidator)
    await db.transaction(async (trx) => {
      if (payload.parentId)
        await Funder.query({ client: trx }).where('id', payload.parentId).firstOrFail()
      await withDatabaseGuards(() => Funder.create(this.values(payload), { client: trx }))
    })
    session.flash('success', 'Financeur créé.')
    return response.redirect('/financements/financeurs')
  }

  async update({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(funderValidator)
    await db.transaction(async (trx) => {
      const funder = await Funder.query({ client: trx })
        .where('id', params.id)
        .forUpdate()
        .firstOrFail()
      if (payload.parentId === funder.id)
        throw new GrantRuleError('Un financeur ne peut pas être son propre parent.')
      if (payload.parentId)
        await Funder.query({ client: trx }).where('id', payload.parentId).firstOrFail()
      assertVersion(funder, payload.version)
      funder.merge(this.values(payload))
      await withDatabaseGuards(() => funder.save())
    })
    session.flash('success', 'Financeur mis à jour.')
    return response.redirect('/financements/financeurs')
  }

  private values(payload: Awaited<ReturnType<typeof funderValidator.validate>>) {
    return {
      name: payload.name,
      category: payload.category,
      parentId: payload.parentId ?? null,
      revenueAccount: payload.revenueAccount ?? null,
      notes: payload.notes ?? null,
    }
  }

  private async formData(funder: Funder | null) {
    const parents = await Funder.query().orderBy('name')
    return {
      funder,
      categoryOptions,
      parentOptions: [
        { value: '', label: '— aucun —' },
        ...parents.filter((p) => p.id !== funder?.id).map((p) => ({ value: p.id, label: p.name })),
      ],
      breadcrumbs: crumbs(funder ? funder.name : 'Nouveau financeur'),
    }
  }
}
