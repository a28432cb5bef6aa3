import type { DateTime } from 'luxon'
import { dayAndHorizon, rows, type Client } from '#reports/grants/sql'
import { ClientReport } from '#support/report'

/** How far ahead a reporting deadline counts as coming ("à venir sous 90 jours"). */
export const UPCOMING_DAYS = 90

/** Conventions whose deadlines are no longer work: nothing to report on a refused or cancelled one. */
const NO_LONGER_DUE = `('refused', 'cancelled')`

export interface ReportingDeadline {
  deadlineId: number
  grantId: number
  reference: string
  title: string
  funder: string
  /** interim_report, final_report, balance_request or other (DEADLINE_KINDS of #vocabulary/grants). */
  kind: string
  label: string
  /** ISO calendar date. */
  dueOn: string
  /** Days past the due date (overdue list) or, negative, days left (upcoming list). */
  daysLate: number
}

export interface ReportingDeadlinesParams {
  /** The day the lists are computed at (today in Paris by default). */
  today?: DateTime
  /** One convention only (its page). */
  grantId?: number
  /** How far ahead a deadline counts as coming (UPCOMING_DAYS by default). */
  days?: number
}

export interface ReportingDeadlineLists {
  /** ISO calendar date the lists are computed at. */
  today: string
  horizon: string
  /** Due before today and not done, oldest first. */
  overdue: ReportingDeadline[]
  /** Due from today to today + 90 days and not done, soonest first. */
  upcoming: ReportingDeadline[]
}

/**
 * Reporting deadlines of the conventions (funder reports, balance requests, other) that are not
 * done: those past their due date ("en retard") and those due within the next 90 days ("à venir
 * sous 90 jours"), with convention, funder, kind, due date and days late. One SQL query; the
 * grants dashboard, the convention page (grantId) and the board portal all read it.
 * A deadline is done when its done_on is set; cancelled deadlines and those of refused or
 * cancelled conventions are left out.
 */
export class ReportingDeadlines extends ClientReport<
  ReportingDeadlinesParams,
  ReportingDeadlineLists
> {
  build() {
    return reportingDeadlines(this.tenant.organisationId, this.params, this.client)
  }
}

async function reportingDeadlines(
  organisationId: number,
  options: ReportingDeadlinesParams,
  client?: Client
): Promise<ReportingDeadlineLists> {
  const { day: today, horizon } = dayAndHorizon(options.today, {
    days: options.days ?? UPCOMING_DAYS,
  })
  const list = await rows<{
    deadline_id: number
    grant_id: number
    reference: string
    title: string
    funder: string
    kind: string
    label: string
    due_on: string
    days_late: number
  }>(
    `SELECT d.id AS deadline_id, g.id AS grant_id, g.reference, g.title, f.name AS funder,
            d.kind, d.label, d.due_on::text AS due_on,
            (CAST(:today AS date) - d.due_on) AS days_late
       FROM grant_deadlines d
       JOIN grants g ON g.id = d.grant_id AND g.organisation_id = d.organisation_id
       JOIN funders f ON f.id = g.funder_id
      WHERE d.organisation_id = :org AND d.done_on IS NULL AND d.cancelled_at IS NULL
        AND g.status NOT IN ${NO_LONGER_DUE}
        AND d.due_on <= CAST(:horizon AS date)
        AND (CAST(:grant AS integer) IS NULL OR d.grant_id = CAST(:grant AS integer))
      ORDER BY d.due_on, f.name, g.reference, d.id`,
    { org: organisationId, today, horizon, grant: options.grantId ?? null },
    client
  )
  const all: ReportingDeadline[] = list.map((r) => ({
    deadlineId: r.deadline_id,
    grantId: r.grant_id,
    reference: r.reference,
    title: r.title,
    funder: r.funder,
    kind: r.kind,
    label: r.label,
    dueOn: r.due_on,
    daysLate: Number(r.days_late),
  }))
  return {
    today,
    horizon,
    overdue: all.filter((d) => d.daysLate > 0),
    upcoming: all.filter((d) => d.daysLate <= 0),
  }
}
