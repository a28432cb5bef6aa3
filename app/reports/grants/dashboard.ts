import { ClientReport } from '#support/report'
import type { Tenant } from '#support/request_context'
import type { Decimal } from 'decimal.js'
import { type DateTime } from 'luxon'
import { COST_LINE, dec, rows, type Client } from '#reports/grants/sql'
import { ReportingDeadlines } from '#reports/grants/deadlines'
import { sumMoney, toMoney, ZERO } from '#support/money'

/** Gap (in share of the period) beyond which consumption is flagged behind or ahead of plan. */
export const CONSUMPTION_TOLERANCE = toMoney('0.15')

/**
 * The finance officer's overview: conventions by funder and status, amounts awaited, reporting
 * deadlines overdue and of the next 90 days, expected payments of the next 90 days, and
 * conventions whose consumption is behind or ahead of plan.
 */
export class GrantsDashboard extends ClientReport<
  { today: DateTime },
  Awaited<ReturnType<typeof dashboard>>
> {
  build() {
    return dashboard(this.tenant, this.params, this.client)
  }
}

async function dashboard(tenant: Tenant, params: { today: DateTime }, client?: Client) {
  const org = tenant.organisationId
  const day = params.today.toISODate()!
  const horizon = params.today.plus({ days: 90 }).toISODate()!

  const byFunder = (
    await rows<{ funder: string; status: string; count: number; awarded: string }>(
      `SELECT f.name AS funder, g.status, count(*)::int AS count,
              sum(g.amount_awarded) AS awarded
         FROM grants g JOIN funders f ON f.id = g.funder_id
        WHERE g.organisation_id = :org
        GROUP BY f.name, g.status ORDER BY f.name, g.status`,
      { org },
      client
    )
  ).map((r) => ({ funder: r.funder, status: r.status, count: r.count, awarded: dec(r.awarded) }))

  const awaited = (
    await rows<{
      id: number
      reference: string
      funder: string
      amount_awarded: string
      received: string
      next_expected: Date | null
    }>(
      `SELECT g.id, g.reference, f.name AS funder, g.amount_awarded,
              coalesce(r.received, 0) AS received,
              (SELECT min(s.expected_on) FROM grant_payment_schedules s
                WHERE s.grant_id = g.id AND s.cancelled_at IS NULL
                  AND s.expected_on >= CAST(:day AS date)) AS next_expected
         FROM grants g JOIN funders f ON f.id = g.funder_id
         LEFT JOIN (SELECT grant_id, sum(amount) AS received FROM grant_receipts
                     WHERE cancelled_at IS NULL GROUP BY grant_id) r
           ON r.grant_id = g.id
        WHERE g.organisation_id = :org AND g.status NOT IN ('refused', 'cancelled', 'closed')
          AND g.amount_awarded > coalesce(r.received, 0)
        ORDER BY f.name, g.reference`,
      { org, day },
      client
    )
  ).map((r) => ({
    grantId: r.id,
    reference: r.reference,
    funder: r.funder,
    awarded: dec(r.amount_awarded),
    received: dec(r.received),
    awaited: dec(r.amount_awarded).minus(dec(r.received)),
    nextExpected: r.next_expected,
  }))

  // Reporting deadlines (overdue and next 90 days) come from the one read model shared with the
  // convention page and the board portal; the 90-day list adds the expected payments.
  const reporting = await new ReportingDeadlines(tenant, { today: params.today }, client).build()
  const payments = await rows<{
    due_on: string
    kind: string
    label: string
    grant_id: number
    reference: string
    amount: string
  }>(
    // What remains of each instalment once the receipts matched to it are counted.
    `SELECT s.expected_on::text AS due_on, 'payment_' || s.kind AS kind,
            coalesce(s.label, 'Versement attendu') AS label, g.id AS grant_id, g.reference,
            s.amount - coalesce(m.matched, 0) AS amount
       FROM grant_payment_schedules s JOIN grants g ON g.id = s.grant_id
       LEFT JOIN (SELECT a.schedule_id, sum(a.amount) AS matched
                    FROM grant_receipt_allocations a JOIN grant_receipts r ON r.id = a.receipt_id
                   WHERE a.organisation_id = :org AND r.cancelled_at IS NULL
                   GROUP BY a.schedule_id) m ON m.schedule_id = s.id
      WHERE s.organisation_id = :org AND s.cancelled_at IS NULL
        AND s.expected_on BETWEEN CAST(:day AS date) AND CAST(:horizon AS date)
        AND s.amount > coalesce(m.matched, 0)`,
    { org, day, horizon },
    client
  )
  const deadlines = [
    ...reporting.upcoming.map((d) => ({
      due_on: d.dueOn,
      kind: d.kind,
      label: d.label,
      grant_id: d.grantId,
      reference: d.reference,
      amount: null as Decimal | null,
    })),
    ...payments.map((p) => ({
      due_on: p.due_on,
      kind: p.kind,
      label: p.label,
      grant_id: p.grant_id,
      reference: p.reference,
      amount: dec(p.amount) as Decimal | null,
    })),
  ].sort((a, b) => a.due_on.localeCompare(b.due_on) || a.reference.localeCompare(b.reference))

  const consumption = (
    await rows<{
      id: number
      reference: string
      title: string
      amount_awarded: string
      cofinancing_rate: string | null
      elapsed: string
      consumed: string
    }>(
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
      client
    )
  ).map((r) => {
    const budget = r.cofinancing_rate
      ? dec(r.amount_awarded).div(dec(r.cofinancing_rate))
      : dec(r.amount_awarded)
    const consumedShare = budget.isZero() ? ZERO : dec(r.consumed).div(budget)
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
    deadlines,
    reporting,
    consumption,
    offPlan: consumption.filter((c) => c.state !== 'on_plan'),
  }
}

/** The bar chart of the dashboard: awarded amounts per funder (all statuses), in euros. */
export function awardedChart(report: Awaited<ReturnType<GrantsDashboard['build']>>) {
  const byFunder = new Map<string, number>()
  for (const row of report.byFunder) {
    byFunder.set(row.funder, (byFunder.get(row.funder) ?? 0) + row.awarded.round().toNumber())
  }
  return {
    type: 'bar',
    labels: [...byFunder.keys()],
    datasets: [{ label: 'Montant accordé (€)', data: [...byFunder.values()] }],
  }
}
