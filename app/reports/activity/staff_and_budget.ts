import db from '@adonisjs/lucid/services/db'
import type { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import { Report } from '#support/report'
import { SPELLS } from '#reports/hr/register_sql'
import { YEAR_END_POPULATION } from '#reports/hr/bilan_social'
import { IncomeStatement } from '#reports/accounting/statements'

export interface StaffAndBudget {
  year: number
  /** Null when the register holds no contract at all (nothing to count, not zero people). */
  staff: {
    headcount: number
    previousHeadcount: number
    fte: Decimal
    previousFte: Decimal
  } | null
  /** Null without a fiscal year ending in the year (or without its income-statement layout). */
  budget: { charges: Decimal; previousCharges: Decimal | null; fiscalYear: string } | null
}

/**
 * The key figures « salariés » and « budget » of a year, read from the register and the ledger
 * rather than typed: no personal data, only totals.
 *
 * - Headcount at 31/12: the population of every 31/12 table of the bilan social
 *   (YEAR_END_POPULATION: contracts running on 31/12, replacement CDDs excluded, work-study
 *   included), counted as the bilan social counts it (its TOTAL line).
 * - FTE at 31/12: the sum of the working-time shares of that same population (the employee
 *   list's definition of full-time equivalents).
 * - Budget: the total of charges (line « Total des charges ») of the income statement of the
 *   fiscal year ending in the year, as the accounting statements compute it.
 */
export class StaffAndBudgetFigures extends Report<{ year: number }, StaffAndBudget> {
  async build(): Promise<StaffAndBudget> {
    const [staff, budget] = await Promise.all([this.staff(), this.budget()])
    return { year: this.params.year, staff, budget }
  }

  private async staff(): Promise<StaffAndBudget['staff']> {
    const organisationId = this.tenant.organisationId
    const year = this.params.year
    const any = await db
      .from('contracts')
      .where('organisation_id', organisationId)
      .whereNull('superseded_at')
      .select('id')
      .first()
    if (!any) return null
    const result = await db.rawQuery(
      `WITH ${SPELLS}, ${YEAR_END_POPULATION}
       SELECT extract(year FROM day)::int AS year, count(*)::int AS headcount,
              coalesce(sum(part_time_share), 0)::text AS fte
         FROM at_day GROUP BY 1`,
      [organisationId, `${year}-12-31`, `${year - 1}-12-31`]
    )
    const rows = result.rows as Array<{ year: number; headcount: number; fte: string }>
    const at = (y: number) => rows.find((r) => r.year === y)
    return {
      headcount: at(year)?.headcount ?? 0,
      previousHeadcount: at(year - 1)?.headcount ?? 0,
      fte: toMoney(at(year)?.fte ?? 0),
      previousFte: toMoney(at(year - 1)?.fte ?? 0),
    }
  }

  private async budget(): Promise<StaffAndBudget['budget']> {
    const year = this.params.year
    const fiscalYear = await db
      .from('fiscal_years')
      .where('organisation_id', this.tenant.organisationId)
      .whereRaw('extract(year from end_date) = ?', [year])
      .whereExists((q) =>
        q
          .from('statement_layouts')
          .whereColumn('statement_layouts.organisation_id', 'fiscal_years.organisation_id')
          .where('kind', 'income_statement')
          .where('code', 'rapport-annuel')
          .where('valid_from_year', '<=', year)
          .where((v) => v.whereNull('valid_to_year').orWhere('valid_to_year', '>=', year))
      )
      .select('id', 'label')
      .first()
    if (!fiscalYear) return null
    const statement = await new IncomeStatement(this.tenant, {
      fiscalYearId: fiscalYear.id,
    }).build()
    const total = statement.rows.find((r) => r.code === 'TC')
    if (!total) return null
    return {
      charges: total.current,
      previousCharges: statement.previousYear ? total.previous : null,
      fiscalYear: fiscalYear.label,
    }
  }
}
