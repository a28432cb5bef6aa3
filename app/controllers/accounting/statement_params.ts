import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { seedStatementLayouts } from '#actions/accounting/seed_statement_layouts'

const yearOf = (input: unknown) => {
  const year = Number(input)
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined
}

/** Statement options from the query string (annee, presentation, budget), scoped to the user's organisation. */
export async function statementOptions({ request, auth }: HttpContext) {
  const organisationId = auth.user!.organisationId
  const layouts = await db
    .from('statement_layouts')
    .where('organisation_id', organisationId)
    .first()
  if (!layouts) await db.transaction((trx) => seedStatementLayouts(organisationId, trx))
  const code = String(request.input('presentation', 'rapport-annuel'))
  return {
    organisationId,
    year: yearOf(request.input('annee')),
    layoutCode: /^[a-z0-9-]{1,40}$/.test(code) ? code : 'rapport-annuel',
    budgetYear: yearOf(request.input('budget')),
  }
}

export async function statementFilters(ctx: HttpContext) {
  const organisationId = ctx.auth.user!.organisationId
  const years = await db
    .from('fiscal_years')
    .where('organisation_id', organisationId)
    .orderBy('start_date', 'desc')
    .select('label', db.raw('extract(year from end_date)::int as year'))
  const layouts = await db
    .from('statement_layouts')
    .where('organisation_id', organisationId)
    .distinct('code', 'name')
    .orderBy('code')
  return {
    years: years.map((y: any) => ({ value: String(y.year), label: y.label })),
    layouts: [
      ...new Map(layouts.map((l: any) => [l.code, { value: l.code, label: l.name }])).values(),
    ],
    qs: ctx.request.qs(),
  }
}
