import db from '@adonisjs/lucid/services/db'
import type { Decimal } from 'decimal.js'
import { moneyOrZero, ZERO } from '#support/money'
import { formatMoney } from '#support/french_format'
import { Report } from '#support/report'
import { amountsSql, filterSql, type LedgerFilters } from '#reports/accounting/ledger_lines'
import { byLedgerVersion } from '#reports/accounting/ledger_version'

/** Journals whose entries are opening balances (à-nouveaux). */
export const OPENING_JOURNALS = ['AN', 'RAN']

export interface TrialBalanceRow {
  accountNumber: string
  accountLabel: string
  openingDebit: Decimal
  openingCredit: Decimal
  movementDebit: Decimal
  movementCredit: Decimal
  closingDebit: Decimal
  closingCredit: Decimal
}

export interface TrialBalance {
  rows: TrialBalanceRow[]
  totals: Omit<TrialBalanceRow, 'accountNumber' | 'accountLabel'>
}

const side = (balance: Decimal) => ({
  debit: balance.greaterThan(0) ? balance : ZERO,
  credit: balance.lessThan(0) ? balance.negated() : ZERO,
})

/**
 * Balance générale of validated entries: per account, the opening balance (entries of the
 * fiscal year before the period, and the period's à-nouveaux), the movements of the period and
 * the closing balance. One SUM ... GROUP BY in PostgreSQL; nothing is added up in JavaScript
 * except splitting each account's balance into its debit or credit side. The accounts' names are
 * joined to the sums (one lookup per account), not to every line. Filtered by a convention, a line
 * counts for the part attributed to it (amountsSql).
 */
export async function trialBalance(
  organisationId: number,
  filters: LedgerFilters & { fiscalYearId: number }
): Promise<TrialBalance> {
  const period = { ...filters, from: null, status: 'validated' as const }
  const { where, bindings } = filterSql(organisationId, period)
  const amounts = amountsSql(filters)
  const from = filters.from ?? '0001-01-01'
  const { rows } = await db.rawQuery(
    `WITH lines AS (
       SELECT l.account_number, ${amounts.debit} AS debit, ${amounts.credit} AS credit,
              (l.entry_date < ? OR j.code = ANY(?)) AS opening
         FROM entry_lines l JOIN entries e ON e.id = l.entry_id
         JOIN journals j ON j.organisation_id = e.organisation_id AND j.id = e.journal_id
        WHERE ${where}
     ), sums AS (
       SELECT account_number,
              sum(debit - credit) FILTER (WHERE opening) AS opening,
              sum(debit) FILTER (WHERE NOT opening) AS movement_debit,
              sum(credit) FILTER (WHERE NOT opening) AS movement_credit,
              sum(debit - credit) AS closing,
              GROUPING(account_number) AS is_total
         FROM lines GROUP BY ROLLUP(account_number)
     )
     SELECT s.account_number, a.label AS account_label, s.opening::text AS opening,
            s.movement_debit::text AS movement_debit, s.movement_credit::text AS movement_credit,
            s.closing::text AS closing, s.is_total
       FROM sums s LEFT JOIN accounts a ON a.organisation_id = ? AND a.number = s.account_number
      ORDER BY s.is_total, s.account_number`,
    [...amounts.bindings, from, OPENING_JOURNALS, ...bindings, organisationId]
  )
  const result: TrialBalanceRow[] = []
  const totals = {
    openingDebit: ZERO,
    openingCredit: ZERO,
    movementDebit: ZERO,
    movementCredit: ZERO,
    closingDebit: ZERO,
    closingCredit: ZERO,
  }
  for (const row of rows) {
    const opening = side(moneyOrZero(row.opening))
    const closing = side(moneyOrZero(row.closing))
    if (row.is_total) {
      totals.movementDebit = moneyOrZero(row.movement_debit)
      totals.movementCredit = moneyOrZero(row.movement_credit)
      continue
    }
    const line = {
      accountNumber: row.account_number,
      accountLabel: row.account_label ?? '',
      openingDebit: opening.debit,
      openingCredit: opening.credit,
      movementDebit: moneyOrZero(row.movement_debit),
      movementCredit: moneyOrZero(row.movement_credit),
      closingDebit: closing.debit,
      closingCredit: closing.credit,
    }
    // Sides of balances are per account: their column totals add the split values (few rows).
    totals.openingDebit = totals.openingDebit.plus(line.openingDebit)
    totals.openingCredit = totals.openingCredit.plus(line.openingCredit)
    totals.closingDebit = totals.closingDebit.plus(line.closingDebit)
    totals.closingCredit = totals.closingCredit.plus(line.closingCredit)
    result.push(line)
  }
  return { rows: result, totals }
}

/** The balance générale as a report (see trialBalance), kept per ledger version. */
export class TrialBalanceReport extends Report<
  LedgerFilters & { fiscalYearId: number },
  TrialBalance
> {
  build() {
    const organisationId = this.tenant.organisationId
    return byLedgerVersion(
      organisationId,
      `trial-balance|${JSON.stringify(this.params)}`,
      () => trialBalance(organisationId, this.params),
      (balance) => ({
        rows: balance.rows.map((row) => ({ ...row })),
        totals: { ...balance.totals },
      })
    )
  }
}

type Amounts = TrialBalance['totals']
/** An account's or the totals' six amounts as the page prints them (`1 234,56 €`). */
export type PrintedAmounts = Record<keyof Amounts, string>
export type PrintedTrialBalanceRow = PrintedAmounts & {
  accountNumber: string
  accountLabel: string
}

export interface PrintedTrialBalance {
  rows: PrintedTrialBalanceRow[]
  totals: PrintedAmounts
}

const printed = (amounts: Amounts): PrintedAmounts => ({
  openingDebit: formatMoney(amounts.openingDebit),
  openingCredit: formatMoney(amounts.openingCredit),
  movementDebit: formatMoney(amounts.movementDebit),
  movementCredit: formatMoney(amounts.movementCredit),
  closingDebit: formatMoney(amounts.closingDebit),
  closingCredit: formatMoney(amounts.closingCredit),
})

/**
 * The balance générale as its page prints it: the same figures as `TrialBalanceReport`, already
 * formatted, kept per ledger version as they are (a formatted amount is a function of the amount
 * alone), so that a view does not format a few hundred rows of six amounts at every request.
 */
export class PrintedTrialBalanceReport extends Report<
  LedgerFilters & { fiscalYearId: number },
  PrintedTrialBalance
> {
  build() {
    const organisationId = this.tenant.organisationId
    return byLedgerVersion(
      organisationId,
      `trial-balance-printed|${JSON.stringify(this.params)}`,
      async () => {
        const balance = await trialBalance(organisationId, this.params)
        return {
          rows: balance.rows.map((row) => ({
            accountNumber: row.accountNumber,
            accountLabel: row.accountLabel,
            ...printed(row),
          })),
          totals: printed(balance.totals),
        }
      },
      (balance) => ({
        rows: balance.rows.map((row) => ({ ...row })),
        totals: { ...balance.totals },
      })
    )
  }
}
