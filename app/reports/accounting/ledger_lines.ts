import db from '@adonisjs/lucid/services/db'
import { PAYROLL_SUM_LABEL, payrollEntrySql } from '#reports/accounting/payroll_privacy'
import { Report } from '#support/report'
import type { EntryStatus } from '#vocabulary/accounting'

/** Filters shared by the journal, the grand livre and the exports. */
export interface LedgerFilters {
  fiscalYearId?: number | null
  from?: string | null
  to?: string | null
  journalId?: number | null
  accountFrom?: string | null
  accountTo?: string | null
  /** Exactly this account number. */
  account?: string | null
  programmeId?: number | null
  grantId?: number | null
  territoryId?: number | null
  status?: EntryStatus | null
  /**
   * The reader may not see individual payroll lines (no `accounting.payroll_detail`): the lines
   * of payroll entries come summed per account and month (see payroll_privacy.ts).
   */
  maskPayroll?: boolean
}

/**
 * Appends the WHERE clauses of the filters (aliases: e = entries, l = entry_lines), for the
 * ledger reports of this folder (journal, grand livre, balance) only. Account
 * ranges compare account numbers as text with the upper bound padded, so "6" to "62" means
 * every account from 6 up to 62999...
 */
export function filterSql(organisationId: number, filters: LedgerFilters) {
  // e.organisation_id too (equal by the composite key, ADR 8): PostgreSQL then reads the
  // entries of the organisation by an index that starts with organisation_id (ADR 10).
  const where = ['l.organisation_id = ?', 'e.organisation_id = l.organisation_id']
  const bindings: Array<string | number> = [organisationId]
  if (filters.fiscalYearId) {
    where.push('e.fiscal_year_id = ?')
    bindings.push(filters.fiscalYearId)
  }
  if (filters.from) {
    where.push('l.entry_date >= ?')
    bindings.push(filters.from)
  }
  if (filters.to) {
    where.push('l.entry_date <= ?')
    bindings.push(filters.to)
  }
  if (filters.journalId) {
    where.push('e.journal_id = ?')
    bindings.push(filters.journalId)
  }
  if (filters.accountFrom) {
    where.push('l.account_number >= ?')
    bindings.push(filters.accountFrom)
  }
  if (filters.accountTo) {
    where.push('l.account_number <= ?')
    bindings.push(`${filters.accountTo}\uffff`)
  }
  if (filters.account) {
    where.push('l.account_number = ?')
    bindings.push(filters.account)
  }
  for (const [key, column] of [
    ['programmeId', 'programme_id'],
    ['territoryId', 'territory_id'],
  ] as const) {
    if (filters[key]) {
      where.push(`l.${column} = ?`)
      bindings.push(filters[key]!)
    }
  }
  if (filters.grantId) {
    // A convention's lines: booked with it, or attributed to it (in whole or in part) by the
    // allocation overlay, as grant_ledger_lines unites them for the grants reports.
    where.push(
      `(l.grant_id = ? OR EXISTS (SELECT 1 FROM grant_line_allocations ga
          WHERE ga.entry_line_id = l.id AND ga.organisation_id = l.organisation_id AND ga.grant_id = ?))`
    )
    bindings.push(filters.grantId, filters.grantId)
  }
  if (filters.status) {
    where.push('e.status = ?')
    bindings.push(filters.status)
  }
  return { where: where.join(' AND '), bindings }
}

/**
 * A line's debit and credit as far as they belong to the filtered convention, for the sums of
 * the balance: whole when the line is booked with it, the attributed amount when the allocation
 * overlay gives it part of the line. Without a convention filter, the line's amounts.
 */
export function amountsSql(filters: LedgerFilters) {
  if (!filters.grantId) return { debit: 'l.debit', credit: 'l.credit', bindings: [] }
  const attributed = `(SELECT sum(ga.amount) FROM grant_line_allocations ga
     WHERE ga.entry_line_id = l.id AND ga.organisation_id = l.organisation_id AND ga.grant_id = ?)`
  const id = filters.grantId
  return {
    debit: `CASE WHEN l.grant_id = ? THEN l.debit WHEN l.debit > 0 THEN ${attributed} ELSE 0 END`,
    credit: `CASE WHEN l.grant_id = ? THEN l.credit WHEN l.credit > 0 THEN ${attributed} ELSE 0 END`,
    bindings: [id, id, id, id],
  }
}

export interface LedgerLineRow {
  /** null on a summed payroll row (masked readers). */
  entry_id: number | null
  line_no: number
  chain_position: string | null
  journal_code: string
  journal_label: string
  number: string | null
  entry_date: string
  account_number: string
  account_label: string
  aux_number: string | null
  aux_label: string | null
  piece_ref: string | null
  piece_date: string | null
  entry_label: string
  label: string | null
  debit: string
  credit: string
  lettering: string | null
  lettering_date: string | null
  valid_date: string | null
  currency_amount: string | null
  currency: string | null
  status: string
  programme_id: number | null
  grant_id: number | null
  territory_id: number | null
}

const SELECT = `
  SELECT l.entry_id, l.line_no, e.chain_position,
         (SELECT j.code FROM journals j WHERE j.organisation_id = e.organisation_id AND j.id = e.journal_id) AS journal_code,
         (SELECT j.label FROM journals j WHERE j.organisation_id = e.organisation_id AND j.id = e.journal_id) AS journal_label,
         e.number, to_char(l.entry_date, 'YYYY-MM-DD') AS entry_date, l.account_number,
         (SELECT a.label FROM accounts a WHERE a.organisation_id = l.organisation_id AND a.id = l.account_id) AS account_label,
         l.aux_number, l.aux_label, e.piece_ref, to_char(e.piece_date, 'YYYY-MM-DD') AS piece_date,
         e.label AS entry_label, l.label, l.debit::text AS debit, l.credit::text AS credit, l.lettering,
         to_char(l.lettering_date, 'YYYY-MM-DD') AS lettering_date,
         to_char(coalesce(e.valid_date, (e.validated_at AT TIME ZONE 'Europe/Paris')::date), 'YYYY-MM-DD') AS valid_date,
         l.currency_amount::text AS currency_amount, l.currency, e.status, l.programme_id, l.grant_id, l.territory_id
    FROM entry_lines l
    JOIN entries e ON e.id = l.entry_id`

export interface LedgerLinesParams {
  filters: LedgerFilters
  /** 'chain': validation order (the FEC); 'date': entry date (default). */
  order?: 'chain' | 'date'
  /** Lines per query (5 000 by default). */
  batch?: number
}

/**
 * The ledger lines under the filters, as a stream read once by an export (FEC, workbooks) or
 * a page (grand livre): `lines` queries batch after batch as it is read, so memory does not
 * grow with the ledger.
 */
export class LedgerLines extends Report<
  LedgerLinesParams,
  { lines: AsyncIterable<LedgerLineRow> }
> {
  async build() {
    const { filters, order = 'date', batch = 5000 } = this.params
    return { lines: streamLedgerLines(this.tenant.organisationId, filters, order, batch) }
  }
}

/** The FEC's lines: the fiscal year's validated entries, in validation order. */
export function fecLines(fiscalYearId: number): LedgerLinesParams {
  return { filters: { fiscalYearId, status: 'validated' }, order: 'chain' }
}

/**
 * Streams ledger lines in batches by keyset pagination (never OFFSET, never all rows at once):
 * 'chain' follows the validation order (FEC), 'date' the entry date. 'date' walks the index
 * (organisation_id, entry_date, entry_id, line_no); 'chain' takes a batch of entries by
 * chain position, then their lines.
 */
async function* streamLedgerLines(
  organisationId: number,
  filters: LedgerFilters,
  order: 'chain' | 'date' = 'date',
  batch = 5000
): AsyncGenerator<LedgerLineRow> {
  const { where, bindings } = filterSql(organisationId, filters)
  if (order === 'chain') {
    // The FEC (validation order) is for accounting.fec readers, who see payroll in detail.
    if (filters.maskPayroll) throw new Error('Le FEC ne se produit pas en version masquée.')
    let after = 0
    const entryBatch = Math.max(1, Math.floor(batch / 4))
    for (;;) {
      const { rows } = await db.rawQuery(
        `${SELECT}
          WHERE e.id IN (SELECT id FROM entries WHERE organisation_id = ? AND chain_position > ?
                          ORDER BY chain_position LIMIT ${entryBatch})
            AND ${where}
          ORDER BY e.chain_position, l.line_no`,
        [organisationId, after, ...bindings]
      )
      const { rows: last } = await db.rawQuery(
        `SELECT max(chain_position) AS p FROM (SELECT chain_position FROM entries
          WHERE organisation_id = ? AND chain_position > ? ORDER BY chain_position LIMIT ${entryBatch}) s`,
        [organisationId, after]
      )
      for (const row of rows) yield row as LedgerLineRow
      if (last[0].p === null) return
      after = Number(last[0].p)
    }
  }
  if (filters.maskPayroll) {
    yield* streamMaskedLines(where, bindings, batch)
    return
  }
  let cursor: Array<string | number> | null = null
  for (;;) {
    const keyset = cursor ? ' AND (l.entry_date, l.entry_id, l.line_no) > (?, ?, ?)' : ''
    const { rows } = await db.rawQuery(
      `${SELECT} WHERE ${where}${keyset} ORDER BY l.entry_date, l.entry_id, l.line_no LIMIT ${batch}`,
      [...bindings, ...(cursor ?? [])]
    )
    for (const row of rows) yield row as LedgerLineRow
    if (rows.length < batch) return
    const last: LedgerLineRow = rows[rows.length - 1] as LedgerLineRow
    cursor = [last.entry_date, last.entry_id!, last.line_no]
  }
}

/**
 * Lines of non-payroll entries as they are, and the lines of payroll entries summed per account
 * and month (GROUP BY in PostgreSQL): no auxiliary, no line or entry label, no piece, no entry
 * number. A summed row is dated on the last day it covers and sorts as entry 0 of that day.
 * Same keyset pagination as the detailed stream, over the union.
 */
async function* streamMaskedLines(
  where: string,
  bindings: Array<string | number>,
  batch: number
): AsyncGenerator<LedgerLineRow> {
  const { sql, bindings: head } = maskedRowsSql(where, bindings)
  let cursor: Array<string | number> | null = null
  for (;;) {
    const keyset: string = cursor ? ' WHERE (u.entry_date, u.entry_id, u.line_no) > (?, ?, ?)' : ''
    const rows: LedgerLineRow[] = (
      await db.rawQuery(
        `${sql}${keyset} ORDER BY u.entry_date, u.entry_id, u.line_no LIMIT ${batch}`,
        [...head, ...(cursor ?? [])]
      )
    ).rows
    for (const row of rows) yield { ...row, entry_id: row.entry_id || null } as LedgerLineRow
    if (rows.length < batch) return
    const last: LedgerLineRow = rows[rows.length - 1]
    cursor = [last.entry_date, last.entry_id ?? 0, last.line_no]
  }
}

/**
 * The masked rows (streamMaskedLines) as one SQL subquery aliased `u`: lines of non-payroll
 * entries as they are, payroll lines summed per account and month.
 */
function maskedRowsSql(where: string, bindings: Array<string | number>) {
  const sql = `
    SELECT * FROM (
      ${SELECT} WHERE ${where} AND NOT ${payrollEntrySql('e')}
      UNION ALL
      SELECT 0 AS entry_id, (row_number() OVER (PARTITION BY g.month ORDER BY g.account_number))::int AS line_no,
             NULL AS chain_position, g.journal_code, ?::text AS journal_label, NULL AS number,
             to_char(g.last_date, 'YYYY-MM-DD') AS entry_date, g.account_number, g.account_label,
             NULL AS aux_number, NULL AS aux_label, NULL AS piece_ref, NULL AS piece_date,
             ?::text AS entry_label, 'Cumul paie et personnel ' || to_char(g.month, 'MM/YYYY') AS label,
             g.debit::text AS debit, g.credit::text AS credit, NULL AS lettering, NULL AS lettering_date,
             NULL AS valid_date, NULL AS currency_amount, NULL AS currency, g.status,
             NULL AS programme_id, NULL AS grant_id, NULL AS territory_id
        FROM (SELECT date_trunc('month', l.entry_date) AS month, l.account_number, min(a.label) AS account_label,
                     max(l.entry_date) AS last_date,
                     string_agg(DISTINCT j.code, '+' ORDER BY j.code) AS journal_code,
                     sum(l.debit) AS debit, sum(l.credit) AS credit,
                     CASE WHEN bool_and(e.status = 'validated') THEN 'validated' ELSE 'draft' END AS status
                FROM entry_lines l
                JOIN entries e ON e.id = l.entry_id
                JOIN journals j ON j.organisation_id = e.organisation_id AND j.id = e.journal_id
                JOIN accounts a ON a.organisation_id = l.organisation_id AND a.id = l.account_id
               WHERE ${where} AND ${payrollEntrySql('e')}
               GROUP BY 1, 2) g
    ) u`
  return { sql, bindings: [...bindings, 'Paie et personnel', PAYROLL_SUM_LABEL, ...bindings] }
}

/**
 * The ledger lines under the filters as one SQL subquery with the columns of LedgerLineRow
 * (payroll summed per account and month for masked readers; a summed row's entry_id is 0), for
 * a page that searches, sorts, pages and totals in PostgreSQL (the grand livre).
 */
export function ledgerRowsSql(organisationId: number, filters: LedgerFilters) {
  const { where, bindings } = filterSql(organisationId, filters)
  if (filters.maskPayroll) return maskedRowsSql(where, bindings)
  return { sql: `${SELECT} WHERE ${where}`, bindings }
}
