import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { isPayrollEntry } from '#reports/accounting/payroll_privacy'
import type { LedgerFilters } from '#reports/accounting/ledger_lines'
import PermissionPolicy from '#policies/core/permission_policy'
import { LedgerChoices } from '#reports/accounting/fiscal_years'

const DATE = /^\d{4}-\d{2}-\d{2}$/
const ACCOUNT = /^[0-9A-Za-z]{1,20}$/

function int(value: unknown) {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : null
}

/**
 * Whether the reader must see payroll lines summed per account and month (no
 * accounting.payroll_detail; docs/adr/0003-authorisation-and-audit.md).
 */
export async function masksPayroll(ctx: HttpContext) {
  return !(await ctx.bouncer.with(PermissionPolicy).allows('perform', 'accounting.payroll_detail'))
}

/** Filters of the ledger screens read from the query string (invalid values are ignored). */
export async function ledgerFilters(ctx: HttpContext) {
  const qs = ctx.request.qs()
  const { years, selected, journals } = await new LedgerChoices(ctx.tenant!, {
    requested: int(qs.exercice),
  }).build()
  const filters: LedgerFilters = {
    fiscalYearId: selected?.id ?? -1,
    from: DATE.test(qs.du ?? '') ? qs.du : null,
    to: DATE.test(qs.au ?? '') ? qs.au : null,
    journalId: int(qs.journal),
    accountFrom: ACCOUNT.test(qs.compte_de ?? '') ? qs.compte_de : null,
    accountTo: ACCOUNT.test(qs.compte_a ?? '') ? qs.compte_a : null,
    account: ACCOUNT.test(qs.compte ?? '') ? qs.compte : null,
    programmeId: int(qs.programme),
    grantId: int(qs.financement),
    territoryId: int(qs.territoire),
    maskPayroll: await masksPayroll(ctx),
  }
  const form = {
    exercice: selected?.id ?? '',
    du: filters.from ?? '',
    au: filters.to ?? '',
    journal: filters.journalId ?? '',
    compte_de: filters.accountFrom ?? '',
    compte_a: filters.accountTo ?? '',
    compte: filters.account ?? '',
    programme: filters.programmeId ?? '',
    financement: filters.grantId ?? '',
    territoire: filters.territoryId ?? '',
  }
  const query = new URLSearchParams(
    Object.entries(form)
      .filter(([, v]) => v !== '')
      .map(([k, v]): [string, string] => [k, String(v)])
  ).toString()
  return { filters, form, query, years, selected, journals }
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
  if (!(await isPayrollEntry(ctx.tenant!.organisationId, Number(ctx.params.id)))) return false
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
