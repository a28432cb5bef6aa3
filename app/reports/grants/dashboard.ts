import { Decimal } from 'decimal.js'
import { type DateTime } from 'luxon'
import { COST_LINE, dec, rows, type Client } from '#reports/grants/sql'
import { sumMoney } from '#support/money'

/** Gap (in share of the period) beyond which consumption is flagged behind or ahead of plan. */
export const CONSUMPTION_TOLERANCE = new Decimal('0.15')

/**
 * The finance officer's overview: conventions by funder and status, amounts awaited, deadlines
 * of the next 90 days, and conventions whose consumption is behind or ahead of plan.
 */
export class GrantsDashboard {
  constructor(
    private organisationId: number,
    private today: DateTime,
    private client?: Client
  ) {}

  async compute() {
    const org = this.organisationId
    const day = this.today.toISODate()!
    const horizon = this.today.plus({ days: 90 }).toISODate()!

    const byFunder = (
      await rows(
        `SELECT f.name AS funder, g.status, count(*)::int AS count,
                sum(g.amount_awarded) AS awarded
           FROM grants g JOIN funders f ON f.id = g.funder_id
          WHERE g.organisation_id = :org
          GROUP BY f.name, g.status ORDER BY f.name, g.status`,
        { org },
        this.client
      )
    ).map((r) => ({ funder: r.funder, status: r.status, count: r.count, awarded: dec(r.awarded) }))

    const awaited = (
      await rows(
        `SELECT g.id, g.reference, f.name AS funder, g.amount_awarded,
                coalesce(r.received, 0) AS received,
                (SELECT min(s.expected_on) FROM grant_payment_schedules s
                  WHERE s.grant_id = g.id AND s.expected_on >= CAST(:day AS date)) AS next_expected
           FROM grants g JOIN funders f ON f.id = g.funder_id
           LEFT JOIN (SELECT grant_id, sum(amount) AS received FROM grant_receipts GROUP BY grant_id) r
             ON r.grant_id = g.id
          WHERE g.organisation_id = :org AND g.status NOT IN ('refused', 'cancelled', 'closed')
            AND g.amount_awarded > coalesce(r.received, 0)
          ORDER BY f.name, g.reference`,
        { org, day },
        this.client
      )
    ).map((r) => ({
      grantId: r.id,
      reference: r.reference,
      funder: r.funder,
      awarded: dec(r.amount_awarded),
      received: dec(r.received),
      awaited: dec(r.amount_awarded).minus(dec(r.received)),
      nextExpected: r.next_expected as Date | null,
    }))

    const deadlines = await rows(
      `SELECT d.due_on AS due_on, d.kind, d.label, g.id AS grant_id, g.reference, NULL::numeric AS amount
         FROM grant_deadlines d JOIN grants g ON g.id = d.grant_id
        WHERE d.organisation_id = :org AND d.done_on IS NULL AND d.due_on BETWEEN CAST(:day AS date) AND CAST(:horizon AS date)
       UNION ALL
       SELECT s.expected_on, 'payment_' || s.kind, coalesce(s.label, 'Versement attendu'), g.id, g.reference, s.amount
         FROM grant_payment_schedules s JOIN grants g ON g.id = s.grant_id
        WHERE s.organisation_id = :org AND s.expected_on BETWEEN CAST(:day AS date) AND CAST(:horizon AS date)
          AND NOT EXISTS (SELECT 1 FROM grant_receipts r WHERE r.schedule_id = s.id)
        ORDER BY 1, 5`,
      { org, day, horizon },
      this.client
    )

    const consumption = (
      await rows(
        `SELECT g.id, g.reference, g.title, g.period_start, g.period_end, g.amount_awarded,
                g.cofinancing_rate,
                least(1, greatest(0, (CAST(:day AS date) - g.period_start + 1)::numeric
                      / (g.period_end - g.period_start + 1))) AS elapsed,
                coalesce((SELECT sum(l.debit - l.credit) FROM grant_ledger_lines l
                   WHERE l.organisation_id = g.organisation_id AND l.grant_id = g.id AND ${COST_LINE}
                     AND l.entry_date BETWEEN g.period_start AND least(g.period_end, CAST(:day AS date))), 0) AS consumed
           FROM grants g
          WHERE g.organisation_id = :org AND g.status NOT IN ('refused', 'cancelled', 'requested')
            AND g.period_start <= CAST(:day AS date) AND g.amount_awarded > 0
          ORDER BY g.reference`,
        { org, day },
        this.client
      )
    ).map((r) => {
      const budget = r.cofinancing_rate
        ? dec(r.amount_awarded).div(dec(r.cofinancing_rate))
        : dec(r.amount_awarded)
      const consumedShare = budget.isZero() ? new Decimal(0) : dec(r.consumed).div(budget)
      const elapsed = dec(r.elapsed)
      const gap = consumedShare.minus(elapsed)
      const state = gap.abs().lte(CONSUMPTION_TOLERANCE)
        ? 'on_plan'
        : gap.isNegative()
          ? 'behind'
          : 'ahead'
      return {
        grantId: r.id,
        reference: r.reference,
        title: r.title,
        budget,
        consumed: dec(r.consumed),
        elapsed,
        consumedShare,
        state,
      }
    })

    return {
      today: day,
      byFunder,
      awaited,
      totalAwaited: sumMoney(awaited.map((a) => a.awaited)),
      deadlines: deadlines.map((d) => ({
        due_on: d.due_on as string,
        kind: d.kind as string,
        label: d.label as string,
        grant_id: d.grant_id as number,
        reference: d.reference as string,
        amount: d.amount === null ? null : dec(d.amount),
      })),
      consumption,
      offPlan: consumption.filter((c) => c.state !== 'on_plan'),
    }
  }
}
