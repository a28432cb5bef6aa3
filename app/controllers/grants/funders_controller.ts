import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { funderValidator } from '#validators/grants'
import { FunderTree } from '#reports/grants/funder_tree'
import { FunderForm } from '#reports/grants/funder_form'
import CreateFunder from '#actions/grants/create_funder'
import UpdateFunder from '#actions/grants/update_funder'
import { fundersSheet } from '#exports/grants/sheets'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { grantsYear } from '#controllers/grants/year_param'

const crumbs = (label?: string) => [
  { label: 'Financements', href: urlFor('grants.dashboard') },
  { label: 'Financeurs', href: label ? urlFor('grants.funders.index') : undefined },
  ...(label ? [{ label }] : []),
]

/** The funder's form: empty, or the funder's to edit. */
async function formPage({ tenant, view }: HttpContext, funderId?: number) {
  const form = await new FunderForm(tenant!, { funderId }).build()
  const breadcrumbs = crumbs(form.funder?.name ?? 'Nouveau financeur')
  return view.render('pages/grants/funders/form', { ...form, breadcrumbs })
}

export default class FundersController {
  /** The funders' tree with the figures of the requested year (?annee=). */
  async index(ctx: HttpContext) {
    const tree = await new FunderTree(ctx.tenant!, { year: await grantsYear(ctx) }).build()
    return ctx.view.render('pages/grants/funders/index', { tree, breadcrumbs: crumbs() })
  }

  async export(ctx: HttpContext) {
    const tree = await new FunderTree(ctx.tenant!, { year: await grantsYear(ctx) }).build()
    return sendWorkbook(
      ctx.response,
      `financeurs-${tree.year}.xlsx`,
      await buildWorkbook([fundersSheet(tree.rows, tree.year)])
    )
  }

  create(ctx: HttpContext) {
    return formPage(ctx)
  }

  edit(ctx: HttpContext) {
    return formPage(ctx, Number(ctx.params.id))
  }

  async store({ request, response, session, tenant }: HttpContext) {
    await CreateFunder.handle(tenant!, await request.validateUsing(funderValidator))
    session.flash('success', 'Financeur créé.')
    return response.redirect().toRoute('grants.funders.index')
  }

  async update({ params, request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(funderValidator)
    await UpdateFunder.handle(tenant!, { ...input, id: Number(params.id) })
    session.flash('success', 'Financeur mis à jour.')
    return response.redirect().toRoute('grants.funders.index')
  }
}
