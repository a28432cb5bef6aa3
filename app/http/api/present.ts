import type { Decimal } from 'decimal.js'
import type { FiscalYearRow } from '#reports/accounting/fiscal_years'
import type { TrialBalance } from '#reports/accounting/trial_balance'
import type { KeyFiguresReport, Cell } from '#reports/activity/key_figures'
import type { YearEndPositions } from '#reports/grants/year_end'
import type { ReconciliationStatusResult } from '#reports/reconciliation/reconciliation_status'
import type { ColumnType } from '#support/spreadsheet/writer'

/**
 * JSON views of the reports the pages read (docs/architecture.md, "Reports"): the same objects,
 * never recomputed. Amounts in euros are strings with two decimals ("1234.50"), other decimals
 * (rates, shares, counts) exact decimal strings: no number ever goes through a float. Keys are
 * snake_case, like the statements' JSON of `node ace statements:export`.
 */

/** An amount in euros: "-1234.50". */
export const amount = (value: Decimal | null | undefined) =>
  value === null || value === undefined ? null : value.toFixed(2)

/** A decimal that is not an amount (rate, share, count): exact, never in exponent notation. */
export const decimal = (value: Decimal | null | undefined) =>
  value === null || value === undefined ? null : value.toFixed()

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** Every Decimal of a flat record as an amount, keys in snake_case. */
export function amounts(record: Record<string, Decimal>) {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [snake(k), amount(v)]))
}

export function presentFiscalYear(year: FiscalYearRow) {
  return {
    id: year.id,
    label: year.label,
    annee: Number(year.end_date.slice(0, 4)),
    start_date: year.start_date,
    end_date: year.end_date,
    status: year.status,
  }
}

export function presentTrialBalance(year: FiscalYearRow, balance: TrialBalance) {
  return {
    fiscal_year: presentFiscalYear(year),
    accounts: balance.rows.map((row) => ({
      number: row.accountNumber,
      label: row.accountLabel,
      ...amounts({
        openingDebit: row.openingDebit,
        openingCredit: row.openingCredit,
        movementDebit: row.movementDebit,
        movementCredit: row.movementCredit,
        closingDebit: row.closingDebit,
        closingCredit: row.closingCredit,
      }),
    })),
    totals: amounts(balance.totals),
  }
}

function cell(value: Cell | undefined, type: ColumnType | undefined) {
  if (value === null || value === undefined) return null
  if (typeof value === 'object') return type === 'money' ? amount(value) : decimal(value)
  if (typeof value === 'number') return type === 'money' ? value.toFixed(2) : String(value)
  return value
}

export function presentKeyFigures(report: KeyFiguresReport) {
  return {
    annee: report.year,
    empty: report.empty,
    cards: report.cards.map((card) => ({
      label: card.label,
      unit: card.unit,
      value: card.unit === 'eur' ? amount(card.value) : decimal(card.value),
      evolution: decimal(card.evolution),
    })),
    tables: report.tables.map((table) => ({
      key: table.key,
      title: table.title,
      columns: table.columns.map((c) => ({ key: c.key, header: c.header, type: c.type })),
      rows: table.rows.map((row, index) => ({
        ...Object.fromEntries(table.columns.map((c) => [c.key, cell(row[c.key], c.type)] as const)),
        row_class: table.rowClass?.[index] ?? null,
      })),
      note: table.note ?? null,
    })),
  }
}

type YearEnd = Awaited<ReturnType<YearEndPositions['build']>>

export function presentGrantsYearEnd(year: FiscalYearRow, report: YearEnd) {
  return {
    fiscal_year: presentFiscalYear(year),
    conventions: report.positions.map((p) => ({
      grant_id: p.grantId,
      reference: p.reference,
      title: p.title,
      funder: p.funder,
      cofinancing_rate: decimal(p.cofinancingRate),
      ...amounts({
        split: p.split,
        laterSplit: p.laterSplit,
        recognised: p.recognised,
        consumed: p.consumed,
        attributable: p.attributable,
        deferred: p.deferred,
        deferredBooked: p.deferredBooked,
        openingDedicated: p.openingDedicated,
        newDedicated: p.newDedicated,
        usedDedicated: p.usedDedicated,
        otherDedicated: p.otherDedicated,
        closingDedicated: p.closingDedicated,
      }),
      booked: amounts(p.booked),
      proposed: amounts(p.proposed),
    })),
    totals: amounts(report.totals),
    ledger: amounts(report.ledger),
  }
}

export function presentReconciliation(year: FiscalYearRow, report: ReconciliationStatusResult) {
  const run = report.run as Record<string, unknown> | null
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null))
  return {
    fiscal_year: presentFiscalYear(year),
    run: run
      ? {
          id: Number(run.id),
          trigger: run.trigger,
          started_at: iso(run.started_at),
          finished_at: iso(run.finished_at),
          checks: {
            total: Number(run.checks_total),
            ok: Number(run.checks_ok),
            rounding: Number(run.checks_rounding),
            discrepancy: Number(run.checks_discrepancy),
            atypical: Number(run.checks_atypical),
            missing_data: Number(run.checks_missing),
          },
        }
      : null,
    results: report.results.map((r) => ({
      check_id: r.checkId,
      family: r.family,
      domain: r.domain,
      title: r.title,
      status: r.status,
      status_label: r.statusLabel,
      unit: r.unit,
      // numeric(15,2) columns: amounts, counts and percentages alike carry two decimals.
      expected: amount(r.expected),
      actual: amount(r.actual),
      difference: amount(r.difference),
      tolerance: amount(r.tolerance),
      explanation: r.explanation,
    })),
  }
}
