import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { AwaitedFunding } from '#reports/grants/awaited'
import { ReportingDeadlines } from '#reports/grants/deadlines'
import {
  IncomeStatement,
  StatementNotFound,
  type StatementRow,
} from '#reports/accounting/statements'
import Meeting from '#models/governance/meeting'
import Person from '#models/governance/person'
import Seat from '#models/governance/seat'
import { Report } from '#support/report'
import type { Tenant } from '#support/request_context'
import Composition from '#reports/governance/composition'
import { CashSummary } from '#reports/treasury/cash_forecast'

async function tableExists(name: string) {
  const { rows } = await db.rawQuery('SELECT to_regclass(?) IS NOT NULL AS present', [name])
  return !!rows[0].present
}

/**
 * What the board portal can show from the other domains: a figure only when the tables that
 * hold it exist, otherwise the section says it is not available yet. No staff data at all.
 */
export async function otherDomainsAvailability(
  tenant: Tenant,
  today: DateTime<boolean> = DateTime.now(),
  year?: number
) {
  const budgets = await tableExists('budgets')
  const grantsAwaited =
    (await tableExists('grant_payment_schedules')) && (await tableExists('grant_receipts'))
      ? await new AwaitedFunding(tenant, { today }).build()
      : null
  const grantDeadlines = (await tableExists('grant_deadlines'))
    ? await new ReportingDeadlines(tenant, { today }).build()
    : null
  return {
    budgets,
    grantsAwaited,
    grantDeadlines,
    budgetVsActual: budgets ? await budgetVsActual(tenant, year) : null,
    // Today's bank balance and the lowest of the 12 months ahead (issue #18).
    cash: await new CashSummary(tenant, {}).build(),
  }
}

/**
 * Budget against actual of a fiscal year (by default the latest one with income or expenses, as
 * the statements pages), from accounting's income statement (totals and subtotals only); null
 * while accounting has no such year or no budget for it or the next year.
 */
async function budgetVsActual(tenant: Tenant, year?: number) {
  try {
    let report = await new IncomeStatement(tenant, { year }).build()
    // Without a budget of its own, the year is set beside the next year's budget, as the annual
    // report does (réalisé N, budget N+1); the caption names the budget shown.
    if (!report.budget) {
      const endYear = Number(report.fiscalYear.endDate.slice(0, 4))
      report = await new IncomeStatement(tenant, { year: endYear, budgetYear: endYear + 1 }).build()
    }
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

/**
 * Board members' home, read-only: their own mandates (the user is linked to a person by
 * e-mail), the next meetings with their documents, the last ones, the board's composition and
 * what the other domains can show; nothing personal about staff.
 */
export default class BoardPortal extends Report<
  { email: string; today: DateTime<boolean>; year?: number },
  {
    person: Person | null
    mandates: Seat[]
    nextMeetings: Meeting[]
    lastMeetings: Meeting[]
    composition: Awaited<ReturnType<Composition['build']>>
    domains: Awaited<ReturnType<typeof otherDomainsAvailability>>
  }
> {
  async build() {
    const { email, today, year } = this.params
    const person = await Person.forEmail(email).first()
    const mandates = person
      ? await Seat.query()
          .where('person_id', person.id)
          .preload('college')
          .preload('memberBody')
          .orderBy('mandate_start', 'desc')
      : []
    const nextMeetings = await Meeting.query()
      .where('held_at', '>=', today.toISO()!)
      .whereNot('status', 'cancelled')
      .preload('documents')
      .orderBy('held_at')
      .limit(5)
    const lastMeetings = await Meeting.query()
      .where('held_at', '<', today.toISO()!)
      .preload('documents')
      .orderBy('held_at', 'desc')
      .limit(3)
    return {
      person,
      mandates,
      nextMeetings,
      lastMeetings,
      composition: await new Composition(this.tenant, { day: today }).build(),
      domains: await otherDomainsAvailability(this.tenant, today, year),
    }
  }
}
