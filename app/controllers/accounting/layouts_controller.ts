import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import EnsureStatementLayouts from '#actions/accounting/ensure_statement_layouts'
import UpdateStatementLine from '#actions/accounting/update_statement_line'
import { LayoutList, LayoutPage } from '#reports/accounting/layouts'
import { layoutLineValidator } from '#validators/accounting_statements'
import { STATEMENT_KINDS } from '#vocabulary/accounting'

const crumbs = (label?: string) => [
  { label: 'Comptabilité', href: urlFor('accounting.home') },
  {
    label: 'Présentations des états',
    href: label ? urlFor('accounting.layouts.index') : undefined,
  },
  ...(label ? [{ label }] : []),
]

/** Statement layouts as data: list, lines with their account ranges, adjustment of a line. */
export default class LayoutsController {
  async index({ view, tenant }: HttpContext) {
    await EnsureStatementLayouts.handle(tenant!)
    const layouts = await new LayoutList(tenant!, {}).build()
    return view.render('pages/accounting/layouts/index', {
      layouts,
      STATEMENT_KINDS,
      breadcrumbs: crumbs(),
    })
  }

  async show({ params, view, tenant }: HttpContext) {
    const { layout, lines } = await new LayoutPage(tenant!, { id: Number(params.id) }).build()
    return view.render('pages/accounting/layouts/show', {
      layout,
      lines,
      STATEMENT_KINDS,
      breadcrumbs: crumbs(layout.name),
    })
  }

  async updateLine({ params, request, response, tenant, session }: HttpContext) {
    const payload = await request.validateUsing(layoutLineValidator)
    await UpdateStatementLine.handle(tenant!, { lineId: Number(params.lineId), ...payload })
    session.flash('success', 'Ligne enregistrée.')
    return response.redirect().toRoute('accounting.layouts.show', { id: params.id })
  }
}
