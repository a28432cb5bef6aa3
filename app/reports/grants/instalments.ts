import type { Decimal } from 'decimal.js'
import type { DateTime } from 'luxon'
import { dayAndHorizon, dec, rows } from '#reports/grants/sql'
import { ClientReport } from '#support/report'
import type { InstalmentState } from '#vocabulary/grants'

/**
 * What the receipts up to a day pay of each instalment (not cancelled) of the conventions that
 * `grantCondition` keeps (a condition on `g`, the convention; its bindings are the caller's),
 * as the CTE `coverage` (id, grant_id, kind, label, expected_on, amount, matched, covered,
 * remaining). Binds :org and :day. Cancelled receipts pay nothing.
 *
 * The rule, per convention:
 *   1. what a receipt is matched to (grant_receipt_allocations) pays that instalment;
 *   2. everything else received (receipts matched to nothing, and what a receipt's matching
 *      leaves over) pays the instalments in order of expected date, then id (FIFO), each up to
 *      what is left of it.
 * Receipts beyond the schedule pay nothing. The money is summed in SQL (numeric).
 */
export function coverageCte(grantCondition = 'TRUE') {
  return `counted AS (
       SELECT r.id, r.grant_id, r.amount
         FROM grant_receipts r
        WHERE r.organisation_id = :org AND r.cancelled_at IS NULL
          AND r.received_on <= CAST(:day AS date)
     ), allocated AS (
       SELECT a.schedule_id, sum(a.amount) AS amount
         FROM grant_receipt_allocations a JOIN counted c ON c.id = a.receipt_id
        WHERE a.organisation_id = :org
        GROUP BY a.schedule_id
     ), instalment AS (
       SELECT s.id, s.grant_id, s.kind, s.label, s.expected_on, s.amount,
              least(s.amount, coalesce(m.amount, 0)) AS matched
         FROM grant_payment_schedules s
         JOIN grants g ON g.id = s.grant_id AND g.organisation_id = s.organisation_id
         LEFT JOIN allocated m ON m.schedule_id = s.id
        WHERE s.organisation_id = :org AND s.cancelled_at IS NULL AND (${grantCondition})
     ), pool AS (
       SELECT i.grant_id,
              (SELECT coalesce(sum(c.amount), 0) FROM counted c WHERE c.grant_id = i.grant_id)
                - sum(i.matched) AS free
         FROM instalment i GROUP BY i.grant_id
     ), fifo AS (
       SELECT i.*, i.amount - i.matched AS open,
              coalesce(sum(i.amount - i.matched) OVER (
                PARTITION BY i.grant_id ORDER BY i.expected_on, i.id
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS open_before,
              p.free
         FROM instalment i JOIN pool p ON p.grant_id = i.grant_id
     ), coverage AS (
       SELECT x.id, x.grant_id, x.kind, x.label, x.expected_on, x.amount, x.matched,
              x.matched + greatest(0, least(x.open, x.free - x.open_before)) AS covered,
              x.open - greatest(0, least(x.open, x.free - x.open_before)) AS remaining
         FROM fifo x
     )`
}

/** How an instalment stands at a day: paid, overdue (due before and not fully paid)... */
export function instalmentState(
  position: { expectedOn: string; covered: Decimal; remaining: Decimal },
  day: string
): InstalmentState {
  if (position.remaining.lte(0)) return 'paid'
  if (position.expectedOn < day) return 'overdue'
  return position.covered.gt(0) ? 'partly_paid' : 'to_come'
}

export interface InstalmentPosition {
  scheduleId: number
  kind: string
  label: string | null
  /** ISO calendar date. */
  expectedOn: string
  amount: Decimal
  /** What the receipts matched to it pay. */
  matched: Decimal
  /** What the receipts up to the day pay of it, matched or not (the rule above). */
  covered: Decimal
  remaining: Decimal
  state: InstalmentState
}

/** One convention's instalments (not cancelled) as they stand at a day (today by default). */
export class InstalmentPositions extends ClientReport<
  { grantId: number; today?: DateTime },
  { today: string; instalments: InstalmentPosition[] }
> {
  async build() {
    const { day } = dayAndHorizon(this.params.today, { days: 0 })
    const list = await rows<{
      id: number
      kind: string
      label: string | null
      expected_on: string
      amount: string
      matched: string
      covered: string
      remaining: string
    }>(
      `WITH ${coverageCte('g.id = :grant')}
       SELECT c.id, c.kind, c.label, c.expected_on::text AS expected_on, c.amount, c.matched,
              c.covered, c.remaining
         FROM coverage c ORDER BY c.expected_on, c.id`,
      { org: this.tenant.organisationId, day, grant: this.params.grantId },
      this.client
    )
    const instalments = list.map((r) => {
      const position = {
        scheduleId: r.id,
        kind: r.kind,
        label: r.label,
        expectedOn: r.expected_on,
        amount: dec(r.amount),
        matched: dec(r.matched),
        covered: dec(r.covered),
        remaining: dec(r.remaining),
      }
      return { ...position, state: instalmentState(position, day) }
    })
    return { today: day, instalments }
  }
}

export interface MatchableInstalment {
  scheduleId: number
  kind: string
  label: string | null
  /** ISO calendar date. */
  expectedOn: string
  amount: Decimal
  /** What receipts (not cancelled, whatever their date) are matched to it. */
  allocated: Decimal
  /** What a receipt may still be matched to it. */
  open: Decimal
}

/**
 * The instalments of a convention that a receipt may still be matched to: not cancelled and
 * not fully matched, in order of expected date (the receipt form's choices, the automatic match).
 */
export class MatchableInstalments extends ClientReport<{ grantId: number }, MatchableInstalment[]> {
  async build() {
    const list = await rows<{
      id: number
      kind: string
      label: string | null
      expected_on: string
      amount: string
      allocated: string
    }>(
      `SELECT s.id, s.kind, s.label, s.expected_on::text AS expected_on, s.amount,
              coalesce(sum(a.amount) FILTER (WHERE r.id IS NOT NULL), 0) AS allocated
         FROM grant_payment_schedules s
         LEFT JOIN grant_receipt_allocations a ON a.schedule_id = s.id
         LEFT JOIN grant_receipts r ON r.id = a.receipt_id AND r.cancelled_at IS NULL
        WHERE s.organisation_id = :org AND s.grant_id = :grant AND s.cancelled_at IS NULL
        GROUP BY s.id
       HAVING s.amount > coalesce(sum(a.amount) FILTER (WHERE r.id IS NOT NULL), 0)
        ORDER BY s.expected_on, s.id`,
      { org: this.tenant.organisationId, grant: this.params.grantId },
      this.client
    )
    return list.map((r) => ({
      scheduleId: r.id,
      kind: r.kind,
      label: r.label,
      expectedOn: r.expected_on,
      amount: dec(r.amount),
      allocated: dec(r.allocated),
      open: dec(r.amount).minus(dec(r.allocated)),
    }))
  }
}

export interface ReceiptAllocation {
  receiptId: number
  scheduleId: number
  kind: string
  label: string | null
  /** ISO calendar date of the instalment. */
  expectedOn: string
  amount: Decimal
  source: string
}

/** What each receipt of a convention pays, instalment by instalment. */
export class ReceiptAllocations extends ClientReport<
  { grantId: number; receiptId?: number },
  ReceiptAllocation[]
> {
  async build() {
    const list = await rows<{
      receipt_id: number
      schedule_id: number
      kind: string
      label: string | null
      expected_on: string
      amount: string
      source: string
    }>(
      `SELECT a.receipt_id, a.schedule_id, s.kind, s.label, s.expected_on::text AS expected_on,
              a.amount, a.source
         FROM grant_receipt_allocations a
         JOIN grant_receipts r ON r.id = a.receipt_id
         JOIN grant_payment_schedules s ON s.id = a.schedule_id
        WHERE a.organisation_id = :org AND r.grant_id = :grant
          AND (CAST(:receipt AS integer) IS NULL OR a.receipt_id = CAST(:receipt AS integer))
        ORDER BY a.receipt_id, s.expected_on, s.id`,
      {
        org: this.tenant.organisationId,
        grant: this.params.grantId,
        receipt: this.params.receiptId ?? null,
      },
      this.client
    )
    return list.map((r) => ({
      receiptId: r.receipt_id,
      scheduleId: r.schedule_id,
      kind: r.kind,
      label: r.label,
      expectedOn: r.expected_on,
      amount: dec(r.amount),
      source: r.source,
    }))
  }
}
