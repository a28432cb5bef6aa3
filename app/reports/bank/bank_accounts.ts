import { Report } from '#support/report'
import { moneyOrNull, toMoney } from '#support/money'
import { formatIban } from '#models/bank/iban'
import { activeItem, rows } from '#reports/bank/sql'
import { preparedRows } from '#support/prepared_query'

/**
 * The organisation's bank accounts: the 512x account, the latest bank balance (closing balance
 * of the statement with the latest closing date) and the operations not yet matched.
 */
export class BankAccountList extends Report<Record<string, never>, BankAccountRow[]> {
  async build() {
    // Prepared: the home page lists them at every view (ADR 12).
    const list = await preparedRows<{
      id: number
      name: string
      iban: string
      bic: string | null
      accountNumber: string
      accountLabel: string
      balance: string | null
      balanceDay: string | null
      statements: number
      unmatched: number
      unmatchedTotal: string
    }>(
      `SELECT b.id, b.name, b.iban, b.bic, a.number AS "accountNumber", a.label AS "accountLabel",
              last.closing_balance::text AS balance, to_char(last.closing_date, 'YYYY-MM-DD') AS "balanceDay",
              (SELECT count(*)::int FROM bank_statements s WHERE s.organisation_id = :org AND s.bank_account_id = b.id) AS statements,
              open.unmatched, open.total AS "unmatchedTotal"
         FROM bank_accounts b
         JOIN accounts a ON a.organisation_id = b.organisation_id AND a.id = b.account_id
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS unmatched, coalesce(sum(o.amount), 0)::text AS total
             FROM bank_operations o WHERE o.organisation_id = :org AND o.bank_account_id = b.id
              AND NOT ${activeItem('bank_operation_id', 'o.id')}) open
         LEFT JOIN LATERAL (
           SELECT s.closing_balance, s.closing_date FROM bank_statements s
            WHERE s.organisation_id = :org AND s.bank_account_id = b.id
            ORDER BY s.closing_date DESC, s.id DESC LIMIT 1) last ON true
        WHERE b.organisation_id = :org
        ORDER BY b.name, b.id`,
      { org: this.tenant.organisationId }
    )
    return list.map((row) => ({
      ...row,
      ibanText: formatIban(row.iban),
      balance: moneyOrNull(row.balance),
      unmatchedTotal: toMoney(row.unmatchedTotal),
    }))
  }
}

export type BankAccountRow = {
  id: number
  name: string
  iban: string
  ibanText: string
  bic: string | null
  accountNumber: string
  accountLabel: string
  balance: ReturnType<typeof moneyOrNull>
  balanceDay: string | null
  statements: number
  unmatched: number
  unmatchedTotal: ReturnType<typeof toMoney>
}

/** The 512x accounts of the chart a bank account may be opened on, by number. */
export class BankLedgerAccounts extends Report<
  Record<string, never>,
  Array<{ value: number; label: string }>
> {
  async build() {
    const accounts = await rows<{ id: number; number: string; label: string }>(
      `SELECT id, number, label FROM accounts
        WHERE organisation_id = :org AND number LIKE '512%' ORDER BY number, id`,
      { org: this.tenant.organisationId }
    )
    return accounts.map((a) => ({ value: a.id, label: `${a.number} — ${a.label}` }))
  }
}
