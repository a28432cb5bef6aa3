import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { updateStatementLine } from '#actions/accounting/statement_layouts'
import { seedStatementLayouts } from '#actions/accounting/seed_statement_layouts'
import { formulaToText, rangesToText } from '#reports/accounting/layout_definitions'
import { layoutLineValidator } from '#validators/accounting_statements'

const KIND_LABELS: Record<string, string> = {
  heading: 'Titre',
  line: 'Ligne',
  subtotal: 'Sous-total',
  total: 'Total',
}

const crumbs = (label?: string) => [
  { label: 'Comptabilité', href: '/comptabilite' },
  { label: 'Présentations des états', href: label ? '/comptabilite/presentations' : undefined },
  ...(label ? [{ label }] : []),
]

/** Statement layouts as data: list, lines with their account ranges, adjustment of a line. */
export default class LayoutsController {
  async index({ view, auth }: HttpContext) {
    const organisationId = auth.user!.organisationId
    if (!(await db.from('statement_layouts').where('organisation_id', organisationId).first())) {
      await db.transaction((trx) => seedStatementLayouts(organisationId, trx))
    }
    const layouts = await db
      .from('statement_layouts')
      .where('organisation_id', organisationId)
      .orderBy(['code', 'kind', 'valid_from_year'])
    return view.render('pages/accounting/layouts/index', { layouts, breadcrumbs: crumbs() })
  }

  async show({ params, view, auth }: HttpContext) {
    const organisationId = auth.user!.organisationId
    const layout = await db
      .from('statement_layouts')
      .where({ id: params.id, organisation_id: organisationId })
      .firstOrFail()
    const lines = (
      await db
        .from('statement_lines')
        .where({ layout_id: layout.id, organisation_id: organisationId })
        .orderBy('position')
    ).map((l: any) => ({
      ...l,
      rangesText: rangesToText(l.ranges ?? []),
      formulaText: formulaToText(l.formula),
      kindLabel: l.kind === 'line' && l.of_which ? 'Détail (dont)' : KIND_LABELS[l.kind],
    }))
    return view.render('pages/accounting/layouts/show', {
      layout,
      lines,
      breadcrumbs: crumbs(layout.name),
    })
  }

  async updateLine({ params, request, response, auth, session }: HttpContext) {
    const payload = await request.validateUsing(layoutLineValidator)
    await db.transaction((trx) =>
      updateStatementLine(trx, auth.user!.organisationId, Number(params.lineId), {
        label: payload.label,
        ranges: payload.ranges ?? null,
        formula: payload.formula ?? null,
        version: payload.version,
      })
    )
    session.flash('success', 'Ligne enregistrée.')
    return response.redirect(`/comptabilite/presentations/${params.id}`)
  }
}
