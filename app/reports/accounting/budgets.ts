import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { budgetableLines } from '#actions/accounting/budgets'
import { IncomeStatement, type StatementReport } from '#reports/accounting/statements'

export interface BudgetListResult {
  budgets: Array<Record<string, unknown>>
  /** Fiscal years to create a budget for, newest first. */
  years: Array<{ value: number; label: string }>
}

/** The budgets of the organisation (newest year first) and the years a budget can be made for. */
export class BudgetList extends Report<Record<string, never>, BudgetListResult> {
  async build() {
    const organisationId = this.tenant.organisationId
    const budgets = await db
      .from('budgets as b')
      .join('fiscal_years as f', 'f.id', 'b.fiscal_year_id')
      .join('statement_layouts as l', 'l.id', 'b.layout_id')
      .where('b.organisation_id', organisationId)
      .orderBy('f.start_date', 'desc')
      .orderBy('b.id', 'desc')
      .select('b.*', 'f.label as year_label', 'l.name as layout_name')
    const years = await db
      .from('fiscal_years')
      .where('organisation_id', organisationId)
      .orderBy('start_date', 'desc')
      .select('id', 'label')
    return {
      budgets,
      years: years.map((y: { id: number; label: string }) => ({ value: y.id, label: y.label })),
    }
  }
}

export interface BudgetPageResult {
  budget: Record<string, unknown> & { id: number; label: string; layout_id: number }
  /** The income statement of the budget's year with this budget in the budget column. */
  report: StatementReport
  /** Lines that take an amount. */
  lines: Awaited<ReturnType<typeof budgetableLines>>
}

/** One budget: its record, its income statement and the lines that take an amount. */
export class BudgetPage extends Report<{ id: number }, BudgetPageResult> {
  async build() {
    const organisationId = this.tenant.organisationId
    const budget = await db
      .from('budgets as b')
      .join('fiscal_years as f', 'f.id', 'b.fiscal_year_id')
      .join('statement_layouts as l', 'l.id', 'b.layout_id')
      .where({ 'b.id': this.params.id, 'b.organisation_id': organisationId })
      .select(
        'b.*',
        'f.label as year_label',
        'l.code as layout_code',
        db.raw('extract(year from f.end_date)::int as year')
      )
      .firstOrFail()
    const report = await new IncomeStatement(this.tenant, {
      fiscalYearId: budget.fiscal_year_id,
      layoutCode: budget.layout_code,
      budgetId: budget.id,
    }).build()
    const lines = await budgetableLines(db, organisationId, budget.layout_id)
    return { budget, report, lines }
  }
}
