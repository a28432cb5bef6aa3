import type { LedgerFilters } from '#reports/accounting/ledger_lines'

/**
 * The ledger screens' filters as they travel in the query string (journal, grand livre, balance
 * and their workbooks): `exercice`, `du`, `au`, `journal`, `compte_de`, `compte_a`, `compte`,
 * `programme`, `financement`, `territoire`. Parsed once here into typed `LedgerFilters`; an
 * invalid value is ignored, as if it were absent.
 */
export interface LedgerForm {
  exercice: number | ''
  du: string
  au: string
  journal: number | ''
  compte_de: string
  compte_a: string
  compte: string
  programme: number | ''
  financement: number | ''
  territoire: number | ''
}

export interface ParsedLedgerFilters {
  filters: LedgerFilters & { fiscalYearId: number; maskPayroll: boolean }
  /** The values the filter form shows back. */
  form: LedgerForm
  /** The same filters as a query string (empty values left out), for links and exports. */
  query: string
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const ACCOUNT = /^[0-9A-Za-z]{1,20}$/

/** A positive integer, or null. */
export function positiveId(value: unknown) {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : null
}

function matching(pattern: RegExp, value: unknown) {
  return typeof value === 'string' && pattern.test(value) ? value : null
}

/**
 * The filters of a query string, once the fiscal year is chosen (`LedgerChoices` picks it from
 * `exercice`: the requested one, else the open one, else the latest; -1 when there is none).
 */
export function parseLedgerFilters(
  qs: Record<string, unknown>,
  context: { fiscalYearId: number | null; maskPayroll: boolean }
): ParsedLedgerFilters {
  const filters = {
    fiscalYearId: context.fiscalYearId ?? -1,
    from: matching(DATE, qs.du),
    to: matching(DATE, qs.au),
    journalId: positiveId(qs.journal),
    accountFrom: matching(ACCOUNT, qs.compte_de),
    accountTo: matching(ACCOUNT, qs.compte_a),
    account: matching(ACCOUNT, qs.compte),
    programmeId: positiveId(qs.programme),
    grantId: positiveId(qs.financement),
    territoryId: positiveId(qs.territoire),
    maskPayroll: context.maskPayroll,
  }
  const form: LedgerForm = {
    exercice: context.fiscalYearId ?? '',
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
  return { filters, form, query }
}
