import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import { DateTime } from 'luxon'
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
  let grantsAwaited: { amount: Decimal; count: number } | null = null
  if ((await tableExists('grant_payment_schedules')) && (await tableExists('grant_receipts'))) {
    const { rows } = await db.rawQuery(
      `SELECT count(*) AS count, coalesce(sum(s.amount - coalesce(r.received, 0)), 0) AS amount
         FROM grant_payment_schedules s
         LEFT JOIN (SELECT schedule_id, sum(amount) AS received FROM grant_receipts
                     WHERE organisation_id = ? GROUP BY schedule_id) r ON r.schedule_id = s.id
        WHERE s.organisation_id = ? AND s.expected_on <= ? AND s.amount > coalesce(r.received, 0)`,
      [organisationId, organisationId, today.plus({ months: 12 }).toISODate()]
    )
    grantsAwaited = { amount: new Decimal(rows[0].amount), count: Number(rows[0].count) }
  }
  return {
    budgets,
    grantsAwaited,
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
