import type { Decimal } from 'decimal.js'
import { Report } from '#support/report'
import { formatDate, formatMoney } from '#support/french_format'
import { toMoney } from '#support/money'
import { formatIban } from '#models/bank/iban'
import { labelOf } from '#vocabulary/labels'
import { STATEMENT_FORMATS } from '#vocabulary/bank'
import { bankAccountHead, rows } from '#reports/bank/sql'
import {
  operationLabelSql,
  operationPayJoin,
  operationTextsSql,
  seesPayDetail,
} from '#reports/bank/pay_privacy'

/** Operations shown at once on the account's page; the workbook has them all. */
const SHOWN_OPERATIONS = 500

export type StatementRow = {
  id: number
  format: string
  formatLabel: string
  reference: string
  openingDate: string
  closingDate: string
  openingBalance: Decimal
  closingBalance: Decimal
  operationsCount: number
  skippedCount: number
  fileName: string | null
  /** A gap or a balance that does not continue the previous statement. */
  warning: string | null
}

export type OperationRow = {
  id: number
  day: string
  valueDay: string | null
  label: string
  reference: string | null
  counterparty: string | null
  amount: Decimal
  matchId: number | null
  matchedWith: string | null
}

/**
 * A bank account's page: its statements in order, each checked against the previous one (a
 * day missing between them, or an opening balance that is not the previous closing balance,
 * is a warning), and its operations: those of one statement, or those not matched yet.
 */
export class BankAccountDetail extends Report<
  { bankAccountId: number; statementId: number | null },
  Awaited<ReturnType<typeof load>>
> {
  async build() {
    return load(this.tenant.organisationId, this.params, seesPayDetail(this.tenant))
  }
}

async function load(
  org: number,
  params: { bankAccountId: number; statementId: number | null },
  payDetail: boolean
) {
  const account = await bankAccountHead(org, params.bankAccountId)
  const statements = await statementsOf(org, account.id)
  const statement = statements.find((s) => s.id === params.statementId) ?? null
  const operations = await operationsOf(
    org,
    account.id,
    statement?.id ?? null,
    SHOWN_OPERATIONS,
    payDetail
  )
  return {
    account: { ...account, ibanText: formatIban(account.iban) },
    statements,
    statement,
    operations,
    truncated: operations.length === SHOWN_OPERATIONS,
    latest: statements.at(-1) ?? null,
    warnings: statements.filter((s) => s.warning).length,
  }
}

export async function statementsOf(org: number, bankAccountId: number): Promise<StatementRow[]> {
  const list = await rows<{
    id: number
    format: string
    reference: string
    openingDate: string
    closingDate: string
    openingBalance: string
    closingBalance: string
    operationsCount: number
    skippedCount: number
    fileName: string | null
    previousDay: string | null
    previousBalance: string | null
    nextDay: string | null
  }>(
    `SELECT s.id, s.format, s.reference, to_char(s.opening_date, 'YYYY-MM-DD') AS "openingDate",
            to_char(s.closing_date, 'YYYY-MM-DD') AS "closingDate", s.opening_balance::text AS "openingBalance",
            s.closing_balance::text AS "closingBalance", s.operations_count AS "operationsCount",
            s.skipped_count AS "skippedCount", i.file_name AS "fileName",
            to_char(lag(s.closing_date) OVER w + 1, 'YYYY-MM-DD') AS "nextDay",
            to_char(lag(s.closing_date) OVER w, 'YYYY-MM-DD') AS "previousDay",
            lag(s.closing_balance::text) OVER w AS "previousBalance"
       FROM bank_statements s
       LEFT JOIN imports i ON i.organisation_id = s.organisation_id AND i.id = s.import_id
      WHERE s.organisation_id = :org AND s.bank_account_id = :id
     WINDOW w AS (ORDER BY s.closing_date, s.opening_date, s.id)
      ORDER BY s.closing_date, s.opening_date, s.id`,
    { org, id: bankAccountId }
  )
  return list.map((row) => {
    const openingBalance = toMoney(row.openingBalance)
    let warning: string | null = null
    if (row.previousDay && row.nextDay && row.openingDate > row.nextDay) {
      warning = `Trou entre les relevés : rien du ${formatDate(row.nextDay)} au jour précédant le ${formatDate(row.openingDate)}.`
    }
    if (row.previousBalance !== null && !openingBalance.equals(toMoney(row.previousBalance))) {
      const gap = `Solde d’ouverture ${formatMoney(openingBalance)} ≠ solde de clôture du relevé précédent ${formatMoney(toMoney(row.previousBalance))}.`
      warning = warning ? `${warning} ${gap}` : gap
    }
    return {
      id: row.id,
      format: row.format,
      formatLabel: labelOf(STATEMENT_FORMATS, row.format),
      reference: row.reference,
      openingDate: row.openingDate,
      closingDate: row.closingDate,
      openingBalance,
      closingBalance: toMoney(row.closingBalance),
      operationsCount: row.operationsCount,
      skippedCount: row.skippedCount,
      fileName: row.fileName,
      warning,
    }
  })
}

/**
 * Operations of a statement, or every unmatched operation when no statement is given; their
 * texts masked when they are individual pay and `payDetail` is false (see pay_privacy).
 */
export async function operationsOf(
  org: number,
  bankAccountId: number,
  statementId: number | null,
  limit: number | null,
  payDetail: boolean
): Promise<OperationRow[]> {
  const list = await rows<{
    id: number
    day: string
    valueDay: string | null
    label: string
    reference: string | null
    counterparty: string | null
    amount: string
    matchId: number | null
    matchedWith: string | null
  }>(
    `SELECT o.id, to_char(o.booking_date, 'YYYY-MM-DD') AS day, to_char(o.value_date, 'YYYY-MM-DD') AS "valueDay",
            ${operationTextsSql('o', payDetail)}, o.amount::text AS amount, m.match_id AS "matchId", m.matched_with AS "matchedWith"
       FROM bank_operations o
       ${operationPayJoin('o', payDetail)}
       LEFT JOIN LATERAL (
         SELECT i.match_id, string_agg(
                  coalesce('écriture ' || coalesce(e.number, '#' || e.id::text) || ' du ' || to_char(l.entry_date, 'DD/MM/YYYY'),
                           'versement ' || g.reference, 'échéance ' || g2.reference, 'opération ' || ${operationLabelSql('o2', payDetail)}), ', ') AS matched_with
           FROM bank_match_items i
           JOIN bank_match_items other ON other.organisation_id = i.organisation_id AND other.match_id = i.match_id AND other.id <> i.id
           LEFT JOIN entry_lines l ON l.organisation_id = other.organisation_id AND l.id = other.entry_line_id
           LEFT JOIN entries e ON e.organisation_id = l.organisation_id AND e.id = l.entry_id
           LEFT JOIN grant_receipts r ON r.organisation_id = other.organisation_id AND r.id = other.grant_receipt_id
           LEFT JOIN grants g ON g.organisation_id = r.organisation_id AND g.id = r.grant_id
           LEFT JOIN grant_payment_schedules ps ON ps.organisation_id = other.organisation_id AND ps.id = other.grant_payment_schedule_id
           LEFT JOIN grants g2 ON g2.organisation_id = ps.organisation_id AND g2.id = ps.grant_id
           LEFT JOIN bank_operations o2 ON o2.organisation_id = other.organisation_id AND o2.id = other.bank_operation_id
          WHERE i.organisation_id = :org AND i.bank_operation_id = o.id AND i.active
          GROUP BY i.match_id) m ON true
      WHERE o.organisation_id = :org AND o.bank_account_id = :id
        AND (CAST(:statement AS int) IS NULL AND m.match_id IS NULL OR o.statement_id = CAST(:statement AS int))
      ORDER BY o.booking_date, o.id
      ${limit === null ? '' : 'LIMIT :limit'}`,
    { org, id: bankAccountId, statement: statementId, limit }
  )
  return list.map((row) => ({ ...row, amount: toMoney(row.amount) }))
}
