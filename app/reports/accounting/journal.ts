import db from '@adonisjs/lucid/services/db'
import { moneyOrZero, toMoney } from '#support/money'
import { Exception } from '@adonisjs/core/exceptions'
import { Report } from '#support/report'
import { filterSql, type LedgerFilters } from '#reports/accounting/ledger_lines'
import { payrollEntrySql } from '#reports/accounting/payroll_privacy'

export const PAGE_SIZE = 50

interface JournalRow {
  id: number | null
  number: string | null
  status: string
  label: string
  piece_ref: string | null
  entry_date: string
  journal_code: string
  reversal_of_id: number | null
  total: string | null
}

/**
 * One page of entries matching the filters (an entry matches when one of its lines does), with
 * each entry's totals and the page count — all computed in SQL.
 */
export async function journalPage(organisationId: number, filters: LedgerFilters, page: number) {
  if (filters.maskPayroll) return maskedJournalPage(organisationId, filters, page)
  const { where, bindings } = filterSql(organisationId, filters)
  const matching = `SELECT DISTINCT l.entry_id FROM entry_lines l JOIN entries e ON e.id = l.entry_id WHERE ${where}`
  const { rows: countRows } = await db.rawQuery(
    `SELECT count(*) AS n FROM (${matching}) m`,
    bindings
  )
  const total = Number(countRows[0].n)
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const current = Math.min(Math.max(1, page), pages)
  const { rows } = await db.rawQuery(
    `SELECT e.id, e.number, e.status, e.label, e.piece_ref, to_char(e.entry_date, 'YYYY-MM-DD') AS entry_date,
            j.code AS journal_code, e.reversal_of_id,
            (SELECT sum(debit)::text FROM entry_lines WHERE entry_id = e.id) AS total
       FROM entries e JOIN journals j ON j.organisation_id = e.organisation_id AND j.id = e.journal_id
      WHERE e.organisation_id = ? AND e.id IN (${matching})
      ORDER BY e.entry_date, e.id
      LIMIT ${PAGE_SIZE} OFFSET ${(current - 1) * PAGE_SIZE}`,
    [organisationId, ...bindings]
  )
  return {
    entries: rows.map((row: JournalRow) => ({ ...row, total: moneyOrZero(row.total) })),
    total,
    page: current,
    pages,
  }
}

/**
 * The journal for readers without payroll detail: payroll entries (payroll_privacy.ts) come as
 * one row per month (entry count and total summed in SQL), without number, label or piece.
 * Summed rows have a null id: they link to nothing.
 */
async function maskedJournalPage(organisationId: number, filters: LedgerFilters, page: number) {
  const { where, bindings } = filterSql(organisationId, filters)
  const rowsSql = `
    WITH matching AS (SELECT DISTINCT l.entry_id FROM entry_lines l JOIN entries e ON e.id = l.entry_id WHERE ${where}),
    listed AS (
      SELECT e.id, e.number, e.status, e.label, e.piece_ref, e.entry_date, j.code AS journal_code, e.reversal_of_id,
             (SELECT sum(debit) FROM entry_lines WHERE entry_id = e.id) AS total
        FROM entries e JOIN journals j ON j.organisation_id = e.organisation_id AND j.id = e.journal_id
       WHERE e.id IN (SELECT entry_id FROM matching) AND NOT ${payrollEntrySql('e')}
      UNION ALL
      SELECT NULL, NULL,
             CASE WHEN bool_and(e.status = 'validated') THEN 'validated' ELSE 'draft' END,
             'Paie et personnel : ' || count(DISTINCT e.id) || ' écriture(s) de ' || to_char(date_trunc('month', e.entry_date), 'MM/YYYY') || ' cumulée(s) (détail réservé)',
             NULL, max(e.entry_date), string_agg(DISTINCT j.code, '+' ORDER BY j.code), NULL, sum(l.debit)
        FROM entries e JOIN journals j ON j.id = e.journal_id JOIN entry_lines l ON l.entry_id = e.id
       WHERE e.id IN (SELECT entry_id FROM matching) AND ${payrollEntrySql('e')}
       GROUP BY date_trunc('month', e.entry_date)
    )`
  const { rows: countRows } = await db.rawQuery(
    `${rowsSql} SELECT count(*) AS n FROM listed`,
    bindings
  )
  const total = Number(countRows[0].n)
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const current = Math.min(Math.max(1, page), pages)
  const { rows } = await db.rawQuery(
    `${rowsSql}
     SELECT id, number, status, label, piece_ref, to_char(entry_date, 'YYYY-MM-DD') AS entry_date, journal_code,
            reversal_of_id, total::text AS total
       FROM listed
      ORDER BY listed.entry_date, listed.id NULLS FIRST
      LIMIT ${PAGE_SIZE} OFFSET ${(current - 1) * PAGE_SIZE}`,
    bindings
  )
  return {
    entries: rows.map((row: JournalRow) => ({ ...row, total: moneyOrZero(row.total) })),
    total,
    page: current,
    pages,
  }
}

/** An entry with its lines, for the detail page and the draft form. */
export async function entryPage(organisationId: number, id: number) {
  const { rows } = await db.rawQuery(
    `SELECT e.*, to_char(e.entry_date, 'YYYY-MM-DD') AS entry_date, to_char(e.piece_date, 'YYYY-MM-DD') AS piece_date,
            j.code AS journal_code, j.label AS journal_label, f.label AS year_label, f.status AS year_status,
            r.id AS reversed_by_id, r.number AS reversed_by_number, o.number AS reversal_of_number
       FROM entries e JOIN journals j ON j.id = e.journal_id JOIN fiscal_years f ON f.id = e.fiscal_year_id
       LEFT JOIN entries r ON r.reversal_of_id = e.id LEFT JOIN entries o ON o.id = e.reversal_of_id
      WHERE e.id = ? AND e.organisation_id = ?`,
    [id, organisationId]
  )
  if (rows.length === 0)
    throw new Exception('Écriture introuvable', { status: 404, code: 'E_ROW_NOT_FOUND' })
  const { rows: lines } = await db.rawQuery(
    `SELECT l.*, a.label AS account_label FROM entry_lines l JOIN accounts a ON a.id = l.account_id
      WHERE l.entry_id = ? ORDER BY l.line_no`,
    [id]
  )
  const { rows: totals } = await db.rawQuery(
    `SELECT coalesce(sum(debit), 0)::text AS debit, coalesce(sum(credit), 0)::text AS credit FROM entry_lines WHERE entry_id = ?`,
    [id]
  )
  const journals = await db
    .from('journals')
    .where('organisation_id', organisationId)
    .orderBy('code')
    .select('id', 'code', 'label')
  return {
    entry: rows[0],
    lines: lines.map((l: Record<string, unknown> & { debit: string; credit: string }) => ({
      ...l,
      debit: toMoney(l.debit),
      credit: toMoney(l.credit),
    })),
    totals: { debit: toMoney(totals[0].debit), credit: toMoney(totals[0].credit) },
    journals,
  }
}

/** One page of the journal (see journalPage). */
export class JournalPage extends Report<
  { filters: LedgerFilters; page: number },
  Awaited<ReturnType<typeof journalPage>>
> {
  build() {
    return journalPage(this.tenant.organisationId, this.params.filters, this.params.page)
  }
}

/** An entry with its lines, totals and the journals (see entryPage). */
export class EntryPage extends Report<{ id: number }, Awaited<ReturnType<typeof entryPage>>> {
  build() {
    return entryPage(this.tenant.organisationId, this.params.id)
  }
}
