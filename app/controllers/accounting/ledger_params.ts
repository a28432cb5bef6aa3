import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { LedgerFilters } from '#reports/accounting/ledger_lines'
import PermissionPolicy from '#policies/core/permission_policy'

const DATE = /^\d{4}-\d{2}-\d{2}$/
const ACCOUNT = /^[0-9A-Za-z]{1,20}$/

function int(value: unknown) {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : null
}

/** Fiscal years of the organisation, newest first, and the selected one (default: newest open). */
export async function fiscalYears(organisationId: number, requested: unknown) {
  const years = await db
    .from('fiscal_years')
    .where('organisation_id', organisationId)
    .orderBy('start_date', 'desc')
    .select(
      'id',
      'label',
      'status',
      db.raw(`to_char(start_date, 'YYYY-MM-DD') AS start_date`),
      db.raw(`to_char(end_date, 'YYYY-MM-DD') AS end_date`)
    )
  const id = int(requested)
  const selected =
    years.find((y) => y.id === id) ?? years.find((y) => y.status === 'open') ?? years[0] ?? null
  return { years, selected }
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
  const { request, auth } = ctx
  const qs = request.qs()
  const { years, selected } = await fiscalYears(auth.user!.organisationId, qs.exercice)
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
  const journals = await db
    .from('journals')
    .where('organisation_id', auth.user!.organisationId)
    .orderBy('code')
    .select('id', 'code', 'label')
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
