import type { Decimal } from 'decimal.js'
import { toMoney, ZERO } from '#support/money'
import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import type { Tenant } from '#support/request_context'
import {
  filterSql,
  LedgerLines,
  ledgerRowsSql,
  type LedgerFilters,
  type LedgerLineRow,
} from '#reports/accounting/ledger_lines'
import {
  ledgerSearch,
  matchesLedgerSearch,
  type LedgerSearch,
} from '#reports/accounting/ledger_search'
import type { TableState } from '#support/table_query'
import { formatNumber } from '#support/french_format'
import { ACCOUNT_CLASSES } from '#vocabulary/accounting'
import { labelOf } from '#vocabulary/labels'

export interface GeneralLedgerLine extends LedgerLineRow {
  balance: Decimal
}

/**
 * Grand livre rows ordered by account then date, with each account's running balance
 * (debit − credit) starting from the balance of the fiscal year before the period, as a
 * stream read once (the workbook): the running balance is the only state kept.
 */
export class GeneralLedgerLines extends Report<
  LedgerFilters & { search?: string },
  { lines: AsyncIterable<GeneralLedgerLine> }
> {
  async build() {
    const { search, ...filters } = this.params
    const lines = streamGeneralLedger(this.tenant, filters)
    return { lines: search ? onlyMatching(lines, ledgerSearch(search)) : lines }
  }
}

/** The rows the page's search keeps (same rule as the page's SQL), running balances unchanged. */
async function* onlyMatching(lines: AsyncIterable<GeneralLedgerLine>, search: LedgerSearch) {
  for await (const line of lines) if (matchesLedgerSearch(line, search)) yield line
}

async function* streamGeneralLedger(
  tenant: Tenant,
  filters: LedgerFilters
): AsyncGenerator<GeneralLedgerLine> {
  const organisationId = tenant.organisationId
  const openings = await openingBalances(organisationId, filters)
  const accounts = await accountsWithLines(organisationId, filters)
  for (const account of accounts) {
    let balance = openings.get(account) ?? ZERO
    const perAccount = { ...filters, account }
    const { lines } = await new LedgerLines(tenant, { filters: perAccount, order: 'date' }).build()
    for await (const row of lines) {
      balance = balance.plus(row.debit).minus(row.credit)
      yield {
        ...row,
        label: row.label ?? row.entry_label,
        balance,
        debit: toMoney(row.debit),
        credit: toMoney(row.credit),
      } as never
    }
  }
}

/** Accounts that have lines under the filters (SQL DISTINCT). */
async function accountsWithLines(organisationId: number, filters: LedgerFilters) {
  const { where, bindings } = filterSql(organisationId, filters)
  const { rows } = await db.rawQuery(
    `SELECT DISTINCT l.account_number FROM entry_lines l JOIN entries e ON e.id = l.entry_id WHERE ${where} ORDER BY 1`,
    bindings
  )
  return rows.map((row: { account_number: string }) => row.account_number) as string[]
}

/** Balance of each account within the fiscal year before the period's start (SQL SUM). */
async function openingBalances(organisationId: number, filters: LedgerFilters) {
  const result = new Map<string, Decimal>()
  if (!filters.from || !filters.fiscalYearId) return result
  const { where, bindings } = filterSql(organisationId, { ...filters, from: null, to: null })
  const { rows } = await db.rawQuery(
    `SELECT l.account_number, sum(l.debit - l.credit)::text AS balance
       FROM entry_lines l JOIN entries e ON e.id = l.entry_id
      WHERE ${where} AND l.entry_date < ? GROUP BY l.account_number`,
    [...bindings, filters.from]
  )
  for (const row of rows) result.set(row.account_number, toMoney(row.balance))
  return result
}

/** Lines per page of the grand livre (the workbook has them all). */
export const PAGE_SIZE = 100

/** Most lines the printable grand livre lists on one page; beyond, the workbook is offered. */
export const PRINT_MAX_LINES = 5000

/** The grand livre's sortable columns (?tri=), mapped to the page query's columns. */
export const GENERAL_LEDGER_SORTS = {
  date: 'r.entry_date',
  journal: 'r.journal_code',
  numero: 'r.number',
  piece: 'r.piece_ref',
  libelle: 'r.label',
  debit: 'r.debit',
  credit: 'r.credit',
} as const

export interface GeneralLedgerRow {
  /** null on a summed payroll row (masked readers). */
  entry_id: number | null
  line_no: number
  journal_code: string
  number: string | null
  entry_date: string
  piece_ref: string | null
  label: string
  debit: Decimal
  credit: Decimal
  /** Running balance (debit − credit) after this line, in date order, from the opening. */
  balance: Decimal
}

export interface GeneralLedgerPageResult {
  /** Accounts with lines under the filters, with their names. */
  accounts: Array<{ number: string; label: string; lines: number }>
  /** The same by class of the chart (the account picker's groups). */
  accountGroups: Array<{ label: string; options: Array<{ value: string; label: string }> }>
  /** The account shown: the filter's, or the first with lines. */
  account: { number: string; label: string } | null
  rows: GeneralLedgerRow[]
  /** Search, sort and page as applied (the page clamped to the last one). */
  table: TableState & { column: string }
  /** Sums over every line the search keeps (all pages), in SQL. */
  totals: { count: number; debit: Decimal; credit: Decimal }
  /** Balance before the first line of the period, and after the last (search aside). */
  opening: Decimal
  closing: Decimal
  pager: { page: number; lastPage: number; perPage: number; total: number }
  /** Printable version: more lines than PRINT_MAX_LINES, none listed (the workbook has them). */
  tooLong: boolean
}

/**
 * The grand livre screen: one account's lines with their running balance, searched (label,
 * piece, entry number, journal, an amount or a date), sorted and paged in PostgreSQL, with the
 * totals of every line the search keeps. The running balance is computed in date order over
 * the whole period before searching, so a line shows the account's true balance after it.
 */
export class GeneralLedgerPage extends Report<
  {
    filters: LedgerFilters
    state: TableState & { column: string }
    /** Printable version: every line on one page, up to `maxLines` (PRINT_MAX_LINES). */
    print?: boolean
    maxLines?: number
  },
  GeneralLedgerPageResult
> {
  async build(): Promise<GeneralLedgerPageResult> {
    const { filters, print = false, maxLines = PRINT_MAX_LINES } = this.params
    const state = print ? { ...this.params.state, page: 1 } : this.params.state
    const perPage = print ? maxLines : PAGE_SIZE
    const organisationId = this.tenant.organisationId
    const accounts = await accountsWithNames(organisationId, { ...filters, account: null })
    const chosen = accounts.find((a) => a.number === filters.account) ?? null
    const account = filters.account
      ? (chosen ?? { number: filters.account, label: '' })
      : (accounts[0] ?? null)
    const accountGroups = byClass(accounts)
    if (!account) {
      return {
        accounts,
        accountGroups,
        account,
        rows: [],
        table: state,
        totals: { count: 0, debit: ZERO, credit: ZERO },
        opening: ZERO,
        closing: ZERO,
        pager: { page: 1, lastPage: 1, perPage, total: 0 },
        tooLong: false,
      }
    }
    const scoped = { ...filters, account: account.number }
    const opening = (await openingBalances(organisationId, scoped)).get(account.number) ?? ZERO
    const source = ledgerRowsSql(organisationId, scoped)
    const search = ledgerSearch(state.search)
    const cte = `WITH r AS (
        SELECT NULLIF(s.entry_id, 0) AS entry_id, s.line_no, s.journal_code, s.number, s.entry_date,
               s.piece_ref, coalesce(s.label, s.entry_label) AS label,
               s.debit::numeric AS debit, s.credit::numeric AS credit,
               ?::numeric + sum(s.debit::numeric - s.credit::numeric)
                 OVER (ORDER BY s.entry_date, s.entry_id, s.line_no ROWS UNBOUNDED PRECEDING) AS balance
          FROM (${source.sql}) s
      ), f AS (SELECT r.*, (${search.sql}) AS kept FROM r)`
    const head = [opening.toFixed(2), ...source.bindings, ...search.bindings]
    const [sums] = (
      await db.rawQuery(
        `${cte} SELECT count(*) FILTER (WHERE kept)::int AS count,
                coalesce(sum(debit) FILTER (WHERE kept), 0)::text AS debit,
                coalesce(sum(credit) FILTER (WHERE kept), 0)::text AS credit,
                coalesce(sum(debit - credit), 0)::text AS net
           FROM f`,
        head
      )
    ).rows
    const total = Number(sums.count)
    const lastPage = Math.max(1, Math.ceil(total / perPage))
    const page = Math.min(state.page, lastPage)
    const tooLong = print && total > maxLines
    const { rows } = tooLong
      ? { rows: [] }
      : await db.rawQuery(
          `${cte} SELECT entry_id, line_no, journal_code, number, entry_date, piece_ref, label,
                     debit::text AS debit, credit::text AS credit, balance::text AS balance
                FROM f r WHERE kept
               ORDER BY ${state.column} ${state.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST,
                        r.entry_date, r.entry_id NULLS FIRST, r.line_no
               LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
          head
        )
    return {
      accounts,
      accountGroups,
      account,
      rows: rows.map((row: Record<string, string | number | null>) => ({
        ...row,
        debit: toMoney(row.debit as string),
        credit: toMoney(row.credit as string),
        balance: toMoney(row.balance as string),
      })) as GeneralLedgerRow[],
      table: { ...state, page },
      totals: { count: total, debit: toMoney(sums.debit), credit: toMoney(sums.credit) },
      opening,
      closing: opening.plus(toMoney(sums.net)),
      pager: { page, lastPage, perPage, total },
      tooLong,
    }
  }
}

/** Accounts grouped by class, each option "6411 – Salaires (2 016 lignes)". */
function byClass(accounts: Array<{ number: string; label: string; lines: number }>) {
  const groups = new Map<string, Array<{ value: string; label: string }>>()
  for (const a of accounts) {
    const group = labelOf(ACCOUNT_CLASSES, a.number.slice(0, 1))
    if (!groups.has(group)) groups.set(group, [])
    const lines = `${formatNumber(a.lines, 0)} ligne${a.lines > 1 ? 's' : ''}`
    groups.get(group)!.push({ value: a.number, label: `${a.number} – ${a.label} (${lines})` })
  }
  return [...groups].map(([label, options]) => ({ label, options }))
}

/**
 * Accounts that have lines under the filters, with their names and line counts (SQL). The lines
 * are counted first and the accounts joined to the counts, a few rows, never to every line.
 */
async function accountsWithNames(organisationId: number, filters: LedgerFilters) {
  const { where, bindings } = filterSql(organisationId, filters)
  const { rows } = await db.rawQuery(
    `WITH counts AS (
       SELECT l.account_number, l.account_id, count(*) AS lines
         FROM entry_lines l JOIN entries e ON e.id = l.entry_id
        WHERE ${where} GROUP BY l.account_number, l.account_id
     )
     SELECT c.account_number AS number, min(a.label) AS label, sum(c.lines)::int AS lines
       FROM counts c JOIN accounts a ON a.organisation_id = ? AND a.id = c.account_id
      GROUP BY c.account_number ORDER BY 1`,
    [...bindings, organisationId]
  )
  return rows as Array<{ number: string; label: string; lines: number }>
}
