import { Decimal } from 'decimal.js'
import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import {
  filterSql,
  streamLedgerLines,
  type LedgerFilters,
  type LedgerLineRow,
} from '#reports/accounting/ledger_lines'

export interface GeneralLedgerLine extends LedgerLineRow {
  balance: Decimal
}

/**
 * Grand livre rows ordered by account then date, with each account's running balance
 * (debit − credit) starting from the balance of the fiscal year before the period.
 * Streams: the running balance is the only state kept.
 */
export async function* streamGeneralLedger(
  organisationId: number,
  filters: LedgerFilters
): AsyncGenerator<GeneralLedgerLine> {
  const openings = await openingBalances(organisationId, filters)
  const accounts = await accountsWithLines(organisationId, filters)
  for (const account of accounts) {
    let balance = openings.get(account) ?? new Decimal(0)
    const perAccount = { ...filters, account }
    for await (const row of streamLedgerLines(organisationId, perAccount, 'date')) {
      balance = balance.plus(row.debit).minus(row.credit)
      yield {
        ...row,
        label: row.label ?? row.entry_label,
        balance,
        debit: new Decimal(row.debit),
        credit: new Decimal(row.credit),
      } as never
    }
  }
}

/** Accounts that have lines under the filters (SQL DISTINCT). */
export async function accountsWithLines(organisationId: number, filters: LedgerFilters) {
  const { where, bindings } = filterSql(organisationId, filters)
  const { rows } = await db.rawQuery(
    `SELECT DISTINCT l.account_number FROM entry_lines l JOIN entries e ON e.id = l.entry_id WHERE ${where} ORDER BY 1`,
    bindings
  )
  return rows.map((row: { account_number: string }) => row.account_number) as string[]
}

/** Balance of each account within the fiscal year before the period's start (SQL SUM). */
export async function openingBalances(organisationId: number, filters: LedgerFilters) {
  const result = new Map<string, Decimal>()
  if (!filters.from || !filters.fiscalYearId) return result
  const { where, bindings } = filterSql(organisationId, { ...filters, from: null, to: null })
  const { rows } = await db.rawQuery(
    `SELECT l.account_number, sum(l.debit - l.credit)::text AS balance
       FROM entry_lines l JOIN entries e ON e.id = l.entry_id
      WHERE ${where} AND l.entry_date < ? GROUP BY l.account_number`,
    [...bindings, filters.from]
  )
  for (const row of rows) result.set(row.account_number, new Decimal(row.balance))
  return result
}

/** How many lines the grand livre shows on screen (the workbook has them all). */
export const SCREEN_LINES = 2000

export interface GeneralLedgerPageResult {
  /** Accounts with lines under the filters (the account picker). */
  accounts: string[]
  /** The account shown: the filter's, or the first with lines. */
  account: string | null
  rows: GeneralLedgerLine[]
  truncated: boolean
}

/** The grand livre screen: one account's lines with their running balance, capped. */
export class GeneralLedgerPage extends Report<LedgerFilters, GeneralLedgerPageResult> {
  async build() {
    const organisationId = this.tenant.organisationId
    const filters = this.params
    const accounts = await accountsWithLines(organisationId, { ...filters, account: null })
    const account = filters.account ?? accounts[0] ?? null
    const rows: GeneralLedgerLine[] = []
    if (account) {
      for await (const row of streamGeneralLedger(organisationId, { ...filters, account })) {
        rows.push(row)
        if (rows.length >= SCREEN_LINES) break
      }
    }
    return { accounts, account, rows, truncated: rows.length >= SCREEN_LINES }
  }
}
