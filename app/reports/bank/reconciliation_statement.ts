import type { Decimal } from 'decimal.js'
import { DateTime } from 'luxon'
import { Report } from '#support/report'
import { sumMoney, toMoney, ZERO } from '#support/money'
import { bankAccountHead, LEDGER_LINES, rows } from '#reports/bank/sql'
import { operationPayJoin, operationTextsSql, seesPayDetail } from '#reports/bank/pay_privacy'

export type UnmatchedItem = {
  id: string
  day: string
  label: string
  reference: string | null
  amount: Decimal
}

/**
 * A match counts at a date when every one of its items is dated on or before it and it ties
 * the bank to the ledger (at least one ledger line): its two sides then cancel out.
 */
const SETTLED = `
  settled AS MATERIALIZED (
    SELECT m.id FROM bank_matches m
     WHERE m.organisation_id = :org AND m.bank_account_id = :id
       AND NOT EXISTS (SELECT 1 FROM bank_unmatchings u WHERE u.organisation_id = :org AND u.match_id = m.id)
       AND EXISTS (SELECT 1 FROM bank_match_items i WHERE i.organisation_id = :org AND i.match_id = m.id AND i.entry_line_id IS NOT NULL)
       AND NOT EXISTS (
         SELECT 1 FROM bank_match_items i
           LEFT JOIN bank_operations o ON o.organisation_id = i.organisation_id AND o.id = i.bank_operation_id
           LEFT JOIN entry_lines l ON l.organisation_id = i.organisation_id AND l.id = i.entry_line_id
          WHERE i.organisation_id = :org AND i.match_id = m.id
            AND coalesce(o.booking_date, l.entry_date, CAST(:date AS date)) > CAST(:date AS date)))`

const settledItem = (column: string, id: string) =>
  `EXISTS (SELECT 1 FROM bank_match_items i JOIN settled s ON s.id = i.match_id
            WHERE i.organisation_id = :org AND i.${column} = ${id} AND i.active)`

/**
 * The bank reconciliation statement (état de rapprochement) of a bank account at a date: the
 * bank balance (opening balance of the first statement plus every operation booked up to the
 * date), the balance of the 512x account in the fiscal year of the date, and what explains the
 * difference: ledger lines not yet at the bank and bank operations not yet in the ledger, from
 * the first statement on. What is left is the unexplained difference, zero when all is right.
 */
type Params = { bankAccountId: number; date: string | null }

export class ReconciliationStatement extends Report<Params, Awaited<ReturnType<typeof load>>> {
  async build() {
    return load(this.tenant.organisationId, this.params, seesPayDetail(this.tenant))
  }
}

async function load(org: number, params: Params, payDetail: boolean) {
  const account = await bankAccountHead(org, params.bankAccountId)
  const [range] = await rows<{
    first: string | null
    last: string | null
    opening: string | null
  }>(
    `SELECT to_char(min(opening_date), 'YYYY-MM-DD') AS first, to_char(max(closing_date), 'YYYY-MM-DD') AS last,
              (SELECT opening_balance::text FROM bank_statements
                WHERE organisation_id = :org AND bank_account_id = :id ORDER BY opening_date, id LIMIT 1) AS opening
         FROM bank_statements WHERE organisation_id = :org AND bank_account_id = :id`,
    { org, id: account.id }
  )
  const date = params.date ?? range.last ?? DateTime.now().setZone('Europe/Paris').toISODate()!
  const bindings = {
    org,
    id: account.id,
    accountId: account.accountId,
    date,
    first: range.first ?? date,
  }
  const [bank] = await rows<{ total: string | null }>(
    `SELECT sum(amount)::text AS total FROM bank_operations
        WHERE organisation_id = :org AND bank_account_id = :id AND booking_date <= CAST(:date AS date)`,
    bindings
  )
  const [ledger] = await rows<{ total: string | null; year: string | null }>(
    `WITH fy AS (
         SELECT id, label FROM fiscal_years
          WHERE organisation_id = :org AND start_date <= CAST(:date AS date)
          ORDER BY start_date DESC LIMIT 1)
       SELECT sum(l.debit - l.credit)::text AS total, (SELECT label FROM fy) AS year
         FROM entry_lines l JOIN entries e ON e.organisation_id = l.organisation_id AND e.id = l.entry_id
        WHERE l.organisation_id = :org AND l.account_id = :accountId
          AND e.fiscal_year_id = (SELECT id FROM fy) AND l.entry_date <= CAST(:date AS date)`,
    bindings
  )
  const ledgerItems = await rows<{
    id: string
    day: string
    label: string
    pieceRef: string | null
    amount: string
  }>(
    `WITH ${SETTLED}, lines AS MATERIALIZED (${LEDGER_LINES})
       SELECT lines.id, lines.day, lines.label, lines."pieceRef", lines.amount::text AS amount FROM lines
        WHERE CAST(lines.day AS date) BETWEEN CAST(:first AS date) AND CAST(:date AS date)
          AND NOT ${settledItem('entry_line_id', 'CAST(lines.id AS bigint)')}
        ORDER BY lines.day, lines.id`,
    bindings
  )
  const bankItems = await rows<{
    id: string
    day: string
    label: string
    reference: string | null
    amount: string
  }>(
    `WITH ${SETTLED}
       SELECT o.id::text AS id, to_char(o.booking_date, 'YYYY-MM-DD') AS day, ${operationTextsSql('o', payDetail)},
              o.amount::text AS amount
         FROM bank_operations o
         ${operationPayJoin('o', payDetail)}
        WHERE o.organisation_id = :org AND o.bank_account_id = :id AND o.booking_date <= CAST(:date AS date)
          AND NOT ${settledItem('bank_operation_id', 'o.id')}
        ORDER BY o.booking_date, o.id`,
    bindings
  )
  const ledgerUnmatched: UnmatchedItem[] = ledgerItems.map((item) => ({
    id: item.id,
    day: item.day,
    label: item.label,
    reference: item.pieceRef,
    amount: toMoney(item.amount),
  }))
  const bankUnmatched: UnmatchedItem[] = bankItems.map((item) => ({
    id: item.id,
    day: item.day,
    label: item.label,
    reference: item.reference,
    amount: toMoney(item.amount),
  }))
  const bankBalance = range.opening ? toMoney(range.opening).plus(toMoney(bank.total ?? '0')) : ZERO
  const ledgerBalance = toMoney(ledger.total ?? '0')
  const ledgerNotAtBank = sumMoney(ledgerUnmatched.map((item) => item.amount))
  const bankNotInLedger = sumMoney(bankUnmatched.map((item) => item.amount))
  const adjustedBank = bankBalance.plus(ledgerNotAtBank).minus(bankNotInLedger)
  return {
    account,
    date,
    fiscalYear: ledger.year,
    hasStatements: range.first !== null,
    firstDay: range.first,
    lastDay: range.last,
    bankBalance,
    ledgerBalance,
    difference: bankBalance.minus(ledgerBalance),
    ledgerUnmatched,
    bankUnmatched,
    ledgerNotAtBank,
    bankNotInLedger,
    adjustedBank,
    unexplained: adjustedBank.minus(ledgerBalance),
  }
}
