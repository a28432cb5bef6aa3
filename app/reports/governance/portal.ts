import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { awaitedFunding } from '#reports/grants/awaited'
import { reportingDeadlines } from '#reports/grants/deadlines'
import {
  IncomeStatement,
  StatementNotFound,
  type StatementRow,
} from '#reports/accounting/statements'

async function tableExists(name: string) {
  const { rows } = await db.rawQuery('SELECT to_regclass(?) IS NOT NULL AS present', [name])
  return !!rows[0].present
}

/**
 * What the board portal can show from the other domains: a figure only when the tables that
 * hold it exist, otherwise the section says it is not available yet. No staff data at all.
 */
export async function otherDomainsAvailability(
  organisationId: number,
  today: DateTime<boolean> = DateTime.now()
) {
  const budgets = await tableExists('budgets')
  const grantsAwaited =
    (await tableExists('grant_payment_schedules')) && (await tableExists('grant_receipts'))
      ? await awaitedFunding(organisationId, { today })
      : null
  const grantDeadlines = (await tableExists('grant_deadlines'))
    ? await reportingDeadlines(organisationId, { today })
    : null
  return {
    budgets,
    grantsAwaited,
    grantDeadlines,
    budgetVsActual: budgets ? await budgetVsActual(organisationId, today) : null,
  }
}

/**
 * Budget against actual of the latest fiscal year that has started, from accounting's income
 * statement (totals and subtotals only); null while accounting has no such year or budget.
 */
async function budgetVsActual(organisationId: number, today: DateTime<boolean>) {
  const year = await db
    .from('fiscal_years')
    .where('organisation_id', organisationId)
    .where('start_date', '<=', today.toISODate()!)
    .orderBy('start_date', 'desc')
    .first()
  if (!year) return null
  try {
    const report = await IncomeStatement.build({ organisationId, fiscalYearId: year.id })
    if (!report.budget) return null
    return {
      year: report.fiscalYear.label,
      budget: report.budget.label,
      rows: report.rows.filter(
        (row: StatementRow) => row.kind === 'total' || row.kind === 'subtotal'
      ),
    }
  } catch (error) {
    if (error instanceof StatementNotFound) return null
    throw error
  }
}
