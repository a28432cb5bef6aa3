import { NotFoundError } from '#support/domain_errors'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { type Decimal } from 'decimal.js'
import { toMoney, ZERO } from '#support/money'
import { ClientReport } from '#support/report'
import { computeLayout, sumBalances, type LayoutLine } from '#reports/accounting/statement_engine'
import type { LayoutKind, Section, LineKind } from '#reference/layout_notation'
import { reclassificationFor } from '#reference/statement_layouts'
import { byLedgerVersion } from '#reports/accounting/ledger_version'

/** A row of statement_lines as the layout is read (snake_case columns, JSON decoded). */
export type StatementLineRow = Omit<LayoutLine, 'ofWhich' | 'ranges'> & {
  of_which: boolean
  ranges: LayoutLine['ranges'] | null
}

export interface FiscalYearRef {
  id: number
  label: string
  startDate: string
  endDate: string
  status: string
}

export interface StatementAccount {
  number: string
  label: string
  current: Decimal
  previous: Decimal
}

export interface StatementRow {
  code: string
  label: string
  section: Section
  kind: LineKind
  level: number
  ofWhich: boolean
  current: Decimal
  previous: Decimal
  budget: Decimal | null
  variance: Decimal | null
  /** Variance over the budget (ratio, 0.1 = 10 %), null without a budget. */
  variancePercent: Decimal | null
  /** Actif only: gross value and amortisation/provisions of the current year. */
  gross: Decimal
  depreciation: Decimal
  accounts: StatementAccount[]
}

export interface StatementReport {
  kind: LayoutKind
  layout: { id: number; code: string; name: string }
  fiscalYear: FiscalYearRef
  previousYear: FiscalYearRef | null
  budget: { id: number; label: string; status: string; fiscalYearLabel: string } | null
  rows: StatementRow[]
  result: { current: Decimal; previous: Decimal }
  unmapped: Array<{ number: string; balance: Decimal }>
  /** N-1 accounts that no line takes, even after their reclassement: shown as a warning too. */
  unmappedPrevious: Array<{ number: string; balance: Decimal }>
  /** N-1 accounts abolished by the current chart, shown on the line of the account they became. */
  reclassifiedPrevious: Array<{ number: string; as: string; label: string; balance: Decimal }>
}

export interface StatementParams {
  /** The fiscal year ending in this calendar year (without it nor fiscalYearId: the latest). */
  year?: number
  fiscalYearId?: number
  layoutCode?: string
  /** Fiscal year whose budget fills the budget column (the year itself by default). */
  budgetYear?: number
  /** A given budget (budget screen) instead of the preferred budget of budgetYear. */
  budgetId?: number
}

function yearRef(row: {
  id: number
  label: string
  start_date: unknown
  end_date: unknown
  status: FiscalYearRef['status']
}): FiscalYearRef {
  const iso = (d: unknown) =>
    d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10)
  return {
    id: row.id,
    label: row.label,
    startDate: iso(row.start_date),
    endDate: iso(row.end_date),
    status: row.status,
  }
}

export class StatementNotFound extends NotFoundError {}

async function findYear(
  client: QueryClientContract,
  organisationId: number,
  year?: number,
  id?: number
) {
  const query = client
    .from('fiscal_years')
    .where('organisation_id', organisationId)
    .select(
      'id',
      'label',
      'status',
      client.raw('start_date::text as start_date'),
      client.raw('end_date::text as end_date')
    )
  if (id) query.where('id', id)
  else if (year) query.whereRaw('extract(year from end_date) = ?', [year])
  // Without a year: the latest one that has income or expenses (not a year holding only its
  // à-nouveaux), else the latest one.
  else
    query
      .orderByRaw(
        `EXISTS (SELECT 1 FROM entry_lines l WHERE l.organisation_id = fiscal_years.organisation_id
                   AND l.entry_date BETWEEN fiscal_years.start_date AND fiscal_years.end_date
                   AND l.account_number >= '6' LIMIT 1) DESC`
      )
      .orderBy('end_date', 'desc')
  const row = await query.first()
  return row ? yearRef(row) : null
}

async function previousOf(
  client: QueryClientContract,
  organisationId: number,
  year: FiscalYearRef
) {
  const row = await client
    .from('fiscal_years')
    .where('organisation_id', organisationId)
    .whereRaw('end_date = ?::date - 1', [year.startDate])
    .select(
      'id',
      'label',
      'status',
      client.raw('start_date::text as start_date'),
      client.raw('end_date::text as end_date')
    )
    .first()
  return row ? yearRef(row) : null
}

async function loadLayout(
  client: QueryClientContract,
  organisationId: number,
  kind: LayoutKind,
  code: string,
  year: number
) {
  const layout = await client
    .from('statement_layouts')
    .where({ organisation_id: organisationId })
    .whereRaw(LAYOUT_FOR_YEAR, [kind, code, year, year])
    .orderBy('valid_from_year', 'desc')
    .first()
  if (!layout) return null
  const rows = await client
    .from('statement_lines')
    .where({ organisation_id: organisationId, layout_id: layout.id })
    .orderBy('position')
  const lines = (rows as StatementLineRow[]).map(layoutLine)
  return {
    layout: { id: layout.id as number, code: layout.code as string, name: layout.name as string },
    lines,
  }
}

/**
 * The layouts of a kind and code that apply to a year (bind kind, code, year, year); the one
 * with the latest `valid_from_year` is used.
 */
export const LAYOUT_FOR_YEAR = `kind = ? AND code = ? AND valid_from_year <= ?
  AND (valid_to_year IS NULL OR valid_to_year >= ?)`

/** A row of statement_lines as the layout engine reads it. */
export function layoutLine(r: StatementLineRow): LayoutLine {
  return {
    id: r.id,
    code: r.code,
    label: r.label,
    section: r.section,
    kind: r.kind,
    level: r.level,
    ofWhich: r.of_which,
    sign: r.sign,
    ranges: r.ranges ?? [],
    formula: r.formula ?? null,
  }
}

/**
 * The one aggregate behind a statement: balance (debit − credit) per fiscal year and account
 * over validated entries. `fromClass` limits it to the accounts a statement needs.
 */
export function balancesQuery(fromClass: string | null, organisations: 'one' | 'many' = 'one') {
  const many = organisations === 'many' // the network's figures: also by organisation_id
  return `SELECT ${many ? 'l.organisation_id, ' : ''}e.fiscal_year_id, l.account_number,
                 SUM(l.debit) - SUM(l.credit) AS balance
            FROM entry_lines l JOIN entries e ON e.id = l.entry_id
           WHERE l.organisation_id = ${many ? 'ANY(?::int[])' : '?'}
                 AND e.organisation_id = l.organisation_id
                 AND e.fiscal_year_id = ANY(?::int[]) AND e.status = 'validated'
                 ${fromClass ? 'AND l.account_number >= ?' : ''}
           GROUP BY ${many ? 'l.organisation_id, ' : ''}e.fiscal_year_id, l.account_number`
}

async function balancesByYear(
  client: QueryClientContract,
  organisationId: number,
  yearIds: number[],
  fromClass: string | null
) {
  const bindings: Array<number | number[] | string> = [organisationId, yearIds]
  if (fromClass) bindings.push(fromClass)
  const result = await client.rawQuery(balancesQuery(fromClass), bindings)
  const byYear = new Map<number, Map<string, Decimal>>()
  for (const id of yearIds) {
    byYear.set(
      id,
      sumBalances(result.rows.filter((r: { fiscal_year_id: number }) => r.fiscal_year_id === id))
    )
  }
  return byYear
}

async function accountLabels(
  client: QueryClientContract,
  organisationId: number,
  numbers: string[]
) {
  if (numbers.length === 0) return new Map<string, string>()
  const rows = await client
    .from('accounts')
    .where('organisation_id', organisationId)
    .whereIn('number', numbers)
    .select('number', 'label')
  return new Map<string, string>(
    rows.map((r: { number: string; label: string }) => [r.number, r.label])
  )
}

async function budgetAmounts(
  client: QueryClientContract,
  organisationId: number,
  layoutId: number,
  year: number,
  budgetId?: number
) {
  const query = client
    .from('budgets as b')
    .join('fiscal_years as f', 'f.id', 'b.fiscal_year_id')
    .where('b.organisation_id', organisationId)
    .where('f.organisation_id', organisationId)
    .where('b.layout_id', layoutId)
  if (budgetId) query.where('b.id', budgetId)
  else query.whereRaw('extract(year from f.end_date) = ?', [year])
  const budget = await query
    .orderByRaw("(b.status = 'approved') desc, (b.version_kind = 'revised') desc, b.id desc")
    .select('b.id', 'b.label', 'b.status', 'f.label as fiscal_year_label')
    .first()
  if (!budget) return null
  const rows = await client
    .from('budget_lines as bl')
    .join('statement_lines as sl', 'sl.id', 'bl.statement_line_id')
    .where('bl.budget_id', budget.id)
    .groupBy('sl.code')
    .select('sl.code')
    .sum('bl.amount as amount')
  const amounts = new Map<string, Decimal>(
    rows.map((r: { code: string; amount: string }) => [r.code, toMoney(r.amount)])
  )
  return {
    ref: {
      id: budget.id,
      label: budget.label,
      status: budget.status,
      fiscalYearLabel: budget.fiscal_year_label,
    },
    amounts,
  }
}

async function statement(
  kind: LayoutKind,
  organisationId: number,
  options: StatementParams,
  client: QueryClientContract
): Promise<StatementReport> {
  const year = await findYear(client, organisationId, options.year, options.fiscalYearId)
  if (!year) throw new StatementNotFound('Exercice introuvable.')
  const endYear = Number(year.endDate.slice(0, 4))
  const loaded = await loadLayout(
    client,
    organisationId,
    kind,
    options.layoutCode ?? 'rapport-annuel',
    endYear
  )
  if (!loaded) throw new StatementNotFound('Présentation des états introuvable pour cet exercice.')
  const previous = await previousOf(client, organisationId, year)
  const ids = previous ? [year.id, previous.id] : [year.id]
  const balances = await balancesByYear(
    client,
    organisationId,
    ids,
    kind === 'income_statement' ? '6' : null
  )
  const current = computeLayout(loaded.lines, balances.get(year.id)!)
  const before = computeLayout(
    loaded.lines,
    previous ? balances.get(previous.id)! : new Map(),
    undefined,
    (number) => reclassificationFor(endYear, number)?.to ?? null
  )
  const budget =
    kind === 'income_statement'
      ? await budgetAmounts(
          client,
          organisationId,
          loaded.layout.id,
          options.budgetYear ?? endYear,
          options.budgetId
        )
      : null
  const budgeted = budget ? computeLayout(loaded.lines, new Map(), budget.amounts) : null

  const numbers = new Set<string>()
  for (const amounts of [current.amounts, before.amounts]) {
    for (const value of amounts.values()) for (const n of value.accounts.keys()) numbers.add(n)
  }
  const labels = await accountLabels(client, organisationId, [...numbers])

  const rows: StatementRow[] = loaded.lines.map((line) => {
    const now = current.amounts.get(line.code)
    const then = before.amounts.get(line.code)
    const plan = budgeted?.amounts.get(line.code)?.amount ?? null
    const value = now?.amount ?? ZERO
    const accountNumbers = new Set([
      ...(now?.accounts.keys() ?? []),
      ...(then?.accounts.keys() ?? []),
    ])
    return {
      code: line.code,
      label: line.label,
      section: line.section,
      kind: line.kind,
      level: line.level,
      ofWhich: line.ofWhich,
      current: value,
      previous: then?.amount ?? ZERO,
      budget: line.kind === 'heading' ? null : plan,
      variance: plan === null || line.kind === 'heading' ? null : value.minus(plan),
      variancePercent:
        plan === null || plan.isZero() || line.kind === 'heading'
          ? null
          : value.minus(plan).div(plan.abs()),
      gross: now?.gross ?? ZERO,
      depreciation: now?.depreciation ?? ZERO,
      accounts: [...accountNumbers].sort().map((number) => ({
        number,
        label: labels.get(number) ?? '',
        current: now?.accounts.get(number) ?? ZERO,
        previous: then?.accounts.get(number) ?? ZERO,
      })),
    }
  })

  const resultOf = (map: Map<string, Decimal> | undefined) => {
    let total = ZERO
    for (const [number, balance] of map ?? [])
      if (number >= '6' && number < '8') total = total.minus(balance)
    return total
  }
  return {
    kind,
    layout: loaded.layout,
    fiscalYear: year,
    previousYear: previous,
    budget: budget?.ref ?? null,
    rows,
    result: {
      current: resultOf(balances.get(year.id)),
      previous: previous ? resultOf(balances.get(previous.id)) : ZERO,
    },
    unmapped: current.unmapped,
    unmappedPrevious: before.unmapped,
    reclassifiedPrevious: before.reclassified.map((r) => ({
      ...r,
      label: reclassificationFor(endYear, r.number)!.label,
    })),
  }
}

/**
 * A financial statement of the tenant's organisation, laid out by a stored presentation; the
 * reconciliation checks pass the client of the import that has just written its rows.
 */
abstract class FinancialStatement extends ClientReport<StatementParams, StatementReport> {
  protected abstract readonly kind: LayoutKind

  /**
   * Read from the cache of the organisation's ledger version when no client is given (a client
   * is a transaction that may hold writes of its own: computed in it, never kept).
   */
  build() {
    const organisationId = this.tenant.organisationId
    if (this.client) return statement(this.kind, organisationId, this.params, this.client)
    return byLedgerVersion(
      organisationId,
      `${this.kind}|${JSON.stringify(this.params)}`,
      () => statement(this.kind, organisationId, this.params, db.connection()),
      copyStatement
    )
  }
}

/** A reader's own copy of a kept statement (Decimal values are immutable and shared). */
function copyStatement(report: StatementReport): StatementReport {
  return {
    ...report,
    layout: { ...report.layout },
    fiscalYear: { ...report.fiscalYear },
    previousYear: report.previousYear && { ...report.previousYear },
    budget: report.budget && { ...report.budget },
    rows: report.rows.map((row) => ({
      ...row,
      accounts: row.accounts.map((account) => ({ ...account })),
    })),
    result: { ...report.result },
    unmapped: report.unmapped.map((u) => ({ ...u })),
    unmappedPrevious: report.unmappedPrevious.map((u) => ({ ...u })),
    reclassifiedPrevious: report.reclassifiedPrevious.map((r) => ({ ...r })),
  }
}

/** Compte de résultat: N, N-1, budget, variance. */
export class IncomeStatement extends FinancialStatement {
  protected readonly kind = 'income_statement'
}

/** Bilan: actif (brut, amortissements et provisions, net N, net N-1) and passif (N, N-1). */
export class BalanceSheet extends FinancialStatement {
  protected readonly kind = 'balance_sheet'

  static totals(report: StatementReport) {
    const row = (code: string) => report.rows.find((r) => r.code === code)
    const actif = row('AT')
    const passif = row('FT')
    return {
      actif: actif?.current ?? ZERO,
      passif: passif?.current ?? ZERO,
      previousActif: actif?.previous ?? ZERO,
      previousPassif: passif?.previous ?? ZERO,
      balanced:
        !!actif &&
        !!passif &&
        actif.current.equals(passif.current) &&
        actif.previous.equals(passif.previous),
    }
  }
}

/** Plain JSON view of a report: amounts as strings with two decimals. */
export function statementToJson(report: StatementReport) {
  const s = (d: Decimal | null) => (d === null ? null : d.toFixed(2))
  return {
    kind: report.kind,
    layout: report.layout.code,
    fiscal_year: report.fiscalYear.label,
    previous_year: report.previousYear?.label ?? null,
    budget: report.budget?.label ?? null,
    result: { n: s(report.result.current), n1: s(report.result.previous) },
    unmapped_accounts: report.unmapped.map((u) => ({ number: u.number, balance: s(u.balance) })),
    unmapped_accounts_n1: report.unmappedPrevious.map((u) => ({
      number: u.number,
      balance: s(u.balance),
    })),
    reclassified_accounts_n1: report.reclassifiedPrevious.map((r) => ({
      number: r.number,
      read_as: r.as,
      reclassement: r.label,
      balance: s(r.balance),
    })),
    lines: report.rows
      .filter((r) => r.kind !== 'heading')
      .map((r) => ({
        code: r.code,
        label: r.label,
        section: r.section,
        kind: r.kind,
        level: r.level,
        amounts:
          report.kind === 'balance_sheet' && r.section === 'actif'
            ? {
                brut: s(r.gross),
                amortissements_provisions: s(r.depreciation),
                n: s(r.current),
                n1: s(r.previous),
              }
            : {
                n: s(r.current),
                n1: s(r.previous),
                budget: s(r.budget),
                variance: s(r.variance),
                variance_percent:
                  r.variancePercent === null ? null : r.variancePercent.times(100).toFixed(1),
              },
      })),
  }
}
