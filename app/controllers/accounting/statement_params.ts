import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import EnsureStatementLayouts from '#actions/accounting/ensure_statement_layouts'
import { StatementFilterChoices, type StatementChoices } from '#reports/accounting/layouts'
import {
  BalanceSheet,
  IncomeStatement,
  StatementNotFound,
  type StatementParams,
  type StatementReport,
} from '#reports/accounting/statements'

type StatementKind = 'income' | 'balance'

const yearOf = (input: unknown) => {
  const year = Number(input)
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined
}

export const statementCrumbs = (label: string) => [
  { label: 'Comptabilité', href: urlFor('accounting.home') },
  { label: 'États financiers', href: urlFor('accounting.statements.index') },
  { label },
]

/** The filter choices read by statementOptions, for statementFilters in the same request. */
const choicesOfRequest = new WeakMap<HttpContext, StatementChoices>()

/** The filter choices; an organisation without layouts gets the standard ones first. */
async function filterChoices(ctx: HttpContext) {
  const choices = await new StatementFilterChoices(ctx.tenant!, {}).build()
  if (choices.layouts.length > 0) return choices
  await EnsureStatementLayouts.handle(ctx.tenant!)
  return new StatementFilterChoices(ctx.tenant!, {}).build()
}

/** Statement parameters from the query string (annee, presentation, budget). */
export async function statementOptions(ctx: HttpContext): Promise<StatementParams> {
  choicesOfRequest.set(ctx, await filterChoices(ctx))
  const code = String(ctx.request.input('presentation', 'rapport-annuel'))
  return {
    year: yearOf(ctx.request.input('annee')),
    layoutCode: /^[a-z0-9-]{1,40}$/.test(code) ? code : 'rapport-annuel',
    budgetYear: yearOf(ctx.request.input('budget')),
  }
}

/** The statements' filter form: years, layouts and the current query string. */
export async function statementFilters(ctx: HttpContext) {
  const choices = choicesOfRequest.get(ctx) ?? (await filterChoices(ctx))
  return { ...choices, qs: ctx.request.qs() }
}

/** One statement from the query string's options. */
export async function buildStatement(ctx: HttpContext, kind: StatementKind) {
  const params = await statementOptions(ctx)
  return kind === 'income'
    ? new IncomeStatement(ctx.tenant!, params).build()
    : new BalanceSheet(ctx.tenant!, params).build()
}

/**
 * A statement for a page, or null once the "no fiscal year or layout yet" page (404) is sent:
 * that page invites to create or import a fiscal year, which the generic 404 page does not.
 */
export async function statementOrMissing(ctx: HttpContext, kind: StatementKind) {
  try {
    return (await buildStatement(ctx, kind)) as StatementReport
  } catch (error) {
    if (!(error instanceof StatementNotFound)) throw error
    ctx.response.status(404)
    const html = await ctx.view.render('pages/accounting/statements/missing', {
      message: error.message,
      breadcrumbs: statementCrumbs('États financiers'),
    })
    ctx.response.send(html)
    return null
  }
}
