import type { Decimal } from 'decimal.js'
import { DateTime } from 'luxon'
import { dec, rows, type Client } from '#reports/grants/sql'

/** How far ahead instalments count as awaited ("financements attendus sous 12 mois"). */
export const AWAITED_MONTHS = 12

export interface OpenInstalment {
  scheduleId: number
  grantId: number
  reference: string
  funder: string
  kind: string
  label: string | null
  /** ISO calendar date. */
  expectedOn: string
  amount: Decimal
  /** What the receipts up to today cover of this instalment (see the netting rule below). */
  covered: Decimal
  remaining: Decimal
}

export interface AwaitedFunding {
  today: string
  /** Last expected date counted as awaited (today + 12 months). */
  until: string
  /** Instalments expected from today to `until`, for what remains of them. */
  awaited: { amount: Decimal; count: number; instalments: OpenInstalment[] }
  /** Instalments expected before today and not fully received, for what remains of them. */
  overdue: { amount: Decimal; count: number; instalments: OpenInstalment[] }
}

/**
 * What the funders still owe on their payment schedules at a date, instalment by instalment.
 *
 * How receipts relate to instalments: `grant_receipts.schedule_id` may name the instalment a
 * receipt pays, but it is optional and most receipts (all of the demo's) name none. So, per
 * convention and with the receipts received up to the date:
 *   1. a receipt that names an instalment first pays that instalment (up to its amount);
 *   2. everything else received (receipts naming no instalment, and what a named instalment
 *      could not absorb) pays the convention's instalments in order of expected date, then id
 *      (FIFO), each up to what is left of it.
 * An instalment partly paid counts for what remains. Receipts beyond the schedule pay nothing.
 * Instalments of refused, cancelled or closed conventions are not awaited any more.
 * All the money is summed in SQL (numeric); Decimal on this side.
 */
export async function awaitedFunding(
  organisationId: number,
  options: { today?: DateTime; months?: number } = {},
  client?: Client
): Promise<AwaitedFunding> {
  const day = (options.today ?? DateTime.now().setZone('Europe/Paris')).toISODate()!
  const until = DateTime.fromISO(day)
    .plus({ months: options.months ?? AWAITED_MONTHS })
    .toISODate()!
  const list = await rows(
    `WITH received AS (
       SELECT r.grant_id, r.schedule_id, sum(r.amount) AS amount
         FROM grant_receipts r
        WHERE r.organisation_id = :org AND r.received_on <= CAST(:day AS date)
        GROUP BY r.grant_id, r.schedule_id
     ), instalment AS (
       SELECT s.id, s.grant_id, s.kind, s.label, s.expected_on, s.amount,
              least(s.amount, coalesce(m.amount, 0)) AS matched
         FROM grant_payment_schedules s
         JOIN grants g ON g.id = s.grant_id AND g.organisation_id = s.organisation_id
         LEFT JOIN received m ON m.schedule_id = s.id AND m.grant_id = s.grant_id
        WHERE s.organisation_id = :org AND g.status NOT IN ('refused', 'cancelled', 'closed')
     ), pool AS (
       SELECT i.grant_id,
              (SELECT coalesce(sum(r.amount), 0) FROM received r WHERE r.grant_id = i.grant_id)
                - sum(i.matched) AS free
         FROM instalment i GROUP BY i.grant_id
     ), fifo AS (
       SELECT i.*, i.amount - i.matched AS open,
              coalesce(sum(i.amount - i.matched) OVER (
                PARTITION BY i.grant_id ORDER BY i.expected_on, i.id
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS open_before,
              p.free
         FROM instalment i JOIN pool p ON p.grant_id = i.grant_id
     ), open_line AS (
       SELECT x.id, x.grant_id, x.kind, x.label, x.expected_on, x.amount,
              x.matched + greatest(0, least(x.open, x.free - x.open_before)) AS covered,
              x.open - greatest(0, least(x.open, x.free - x.open_before)) AS remaining,
              CASE WHEN x.expected_on < CAST(:day AS date) THEN 'overdue' ELSE 'awaited' END AS bucket
         FROM fifo x
        WHERE x.expected_on <= CAST(:until AS date)
     )
     SELECT o.id, o.grant_id, g.reference, f.name AS funder, o.kind, o.label,
            o.expected_on::text AS expected_on, o.amount, o.covered, o.remaining, o.bucket,
            sum(o.remaining) OVER (PARTITION BY o.bucket) AS bucket_total
       FROM open_line o JOIN grants g ON g.id = o.grant_id JOIN funders f ON f.id = g.funder_id
      WHERE o.remaining > 0
      ORDER BY o.expected_on, f.name, g.reference, o.id`,
    { org: organisationId, day, until },
    client
  )
  const instalments = list.map((r) => ({
    bucket: r.bucket as 'overdue' | 'awaited',
    total: r.bucket_total as string,
    line: {
      scheduleId: r.id,
      grantId: r.grant_id,
      reference: r.reference,
      funder: r.funder,
      kind: r.kind,
      label: r.label,
      expectedOn: r.expected_on,
      amount: dec(r.amount),
      covered: dec(r.covered),
      remaining: dec(r.remaining),
    } satisfies OpenInstalment,
  }))
  const bucket = (name: 'overdue' | 'awaited') => {
    const picked = instalments.filter((i) => i.bucket === name)
    return {
      // Summed by PostgreSQL (window total of the bucket), zero when the bucket is empty.
      amount: dec(picked[0]?.total ?? 0),
      count: picked.length,
      instalments: picked.map((i) => i.line),
    }
  }
  return { today: day, until, awaited: bucket('awaited'), overdue: bucket('overdue') }
}
