import type { Decimal } from 'decimal.js'
import type { DateTime } from 'luxon'
import { dayAndHorizon, dec, rows, type Client } from '#reports/grants/sql'
import { ClientReport } from '#support/report'
import { coverageCte } from '#reports/grants/instalments'
import { FINAL_STATUSES } from '#vocabulary/grants'
import { sqlList } from '#vocabulary/labels'

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
  /** What the receipts up to today cover of this instalment (see the rule below). */
  covered: Decimal
  remaining: Decimal
}

export interface AwaitedFundingParams {
  /** The day receipts are counted up to (today in Paris by default). */
  today?: DateTime
  /** How far ahead instalments count as awaited (AWAITED_MONTHS by default). */
  months?: number
}

export interface AwaitedInstalments {
  today: string
  /** Last expected date counted as awaited (today + 12 months). */
  until: string
  /** Instalments expected from today to `until`, for what remains of them. */
  awaited: { amount: Decimal; count: number; instalments: OpenInstalment[] }
  /** Instalments expected before today and not fully received, for what remains of them. */
  overdue: { amount: Decimal; count: number; instalments: OpenInstalment[] }
}

/**
 * What the funders still owe on their payment schedules at a date, instalment by instalment:
 * what remains of each instalment once the receipts up to the date have paid it, by their
 * matching to the instalments where it exists and in order of expected date for the rest
 * (`coverageCte` of #reports/grants/instalments states the rule). An instalment partly paid
 * counts for what remains; cancelled instalments and receipts count for nothing. Instalments of
 * refused, cancelled or closed conventions are not awaited any more.
 * All the money is summed in SQL (numeric); Decimal on this side.
 */
export class AwaitedFunding extends ClientReport<AwaitedFundingParams, AwaitedInstalments> {
  build() {
    return awaitedFunding(this.tenant.organisationId, this.params, this.client)
  }
}

async function awaitedFunding(
  organisationId: number,
  options: AwaitedFundingParams,
  client?: Client
): Promise<AwaitedInstalments> {
  const { day, horizon: until } = dayAndHorizon(options.today, {
    months: options.months ?? AWAITED_MONTHS,
  })
  const list = await rows<{
    id: number
    grant_id: number
    reference: string
    funder: string
    kind: string
    label: string | null
    expected_on: string
    amount: string
    covered: string
    remaining: string
    bucket: 'overdue' | 'awaited'
    bucket_total: string
  }>(
    `WITH ${coverageCte(`g.status NOT IN (${sqlList(FINAL_STATUSES)})`)}, open_line AS (
       SELECT c.*,
              CASE WHEN c.expected_on < CAST(:day AS date) THEN 'overdue' ELSE 'awaited' END AS bucket
         FROM coverage c
        WHERE c.expected_on <= CAST(:until AS date)
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
