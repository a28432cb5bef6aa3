import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { isPayrollEntry } from '#reports/accounting/payroll_privacy'
import { parseLedgerFilters, positiveId } from '#reports/accounting/ledger_filters'
import PermissionPolicy from '#policies/core/permission_policy'
import { LedgerChoices } from '#reports/accounting/fiscal_years'

/**
 * What the ledger's controllers share (journal, grand livre, balance, entries and their
 * workbooks): the filters of the request, payroll masking, download headers, breadcrumbs.
 */

/**
 * Whether the reader must see payroll lines summed per account and month (no
 * accounting.payroll_detail; docs/adr/0003-authorisation-and-audit.md).
 */
export async function masksPayroll(ctx: HttpContext) {
  return !(await ctx.bouncer.with(PermissionPolicy).allows('perform', 'accounting.payroll_detail'))
}

/** The ledger filters of the request (#reports/accounting/ledger_filters), with the choices. */
export async function ledgerFilters(ctx: HttpContext) {
  const qs = ctx.request.qs()
  // The filter form (pages/accounting/ledger/filters.edge) names programmes, conventions and
  // territories: shared with the page, as the year picker is.
  const form = 'view' in ctx && !ctx.request.url().endsWith('.xlsx')
  const { years, selected, journals, analytics } = await new LedgerChoices(ctx.tenant!, {
    requested: positiveId(qs.exercice),
    analytics: form,
  }).build()
  const parsed = parseLedgerFilters(qs, {
    fiscalYearId: selected?.id ?? null,
    maskPayroll: await masksPayroll(ctx),
  })
  if (form) ctx.view.share({ ledgerAnalytics: analytics })
  return { ...parsed, years, selected, journals }
}

/** Streams an xlsx download to the client. */
export function xlsxHeaders(response: HttpContext['response'], fileName: string) {
  response.header(
    'Content-Type',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  )
  response.header('Content-Disposition', `attachment; filename="${fileName}"`)
}

/**
 * A payroll entry is refused (403) to readers without payroll detail: whatever the payroll
 * software's granularity (one entry per month or per employee), an entry's own lines or totals
 * can be one person's pay. Its sums per account and month are in the journal and grand livre.
 */
export async function refusesPayrollEntry(ctx: HttpContext) {
  if (!(await masksPayroll(ctx))) return false
  if (!(await isPayrollEntry(ctx.tenant!, Number(ctx.params.id)))) return false
  ctx.response.status(403)
  ctx.response.send(
    await ctx.view.render('pages/errors/forbidden', {
      message:
        'Cette écriture de paie porte des montants individuels de salariés : son détail est réservé aux rôles Finances, Ressources humaines et Administration. Le journal et le grand livre en donnent les cumuls par compte et par mois.',
    })
  )
  return true
}

/** Breadcrumbs of the journal's pages. */
export const entryCrumbs = (label?: string) => [
  { label: 'Comptabilité', href: urlFor('accounting.home') },
  { label: 'Journal', href: label ? urlFor('accounting.entries.index') : undefined },
  ...(label ? [{ label }] : []),
]
