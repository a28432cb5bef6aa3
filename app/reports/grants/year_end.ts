import { ClientReport } from '#support/report'
import type { Decimal } from 'decimal.js'
import { COST_LINE, REVENUE_LINE, dec, rows, type Client } from '#reports/grants/sql'
import { Money, sumMoney, ZERO } from '#support/money'

export type YearEndPosition = {
  grantId: number
  reference: string
  title: string
  funder: string
  cofinancingRate: Decimal | null
  split: Decimal
  laterSplit: Decimal
  /** Revenue of the year as booked (74x lines of the convention, net). */
  recognised: Decimal
  consumed: Decimal
  attributable: Decimal
  /** Deferred income (487) the convention needs at year end, and what the ledger holds. */
  deferred: Decimal
  deferredBooked: Decimal
  deferredProposed: Decimal
  openingDedicated: Decimal
  newDedicated: Decimal
  usedDedicated: Decimal
  /** Other movements of 194 in the year (reclassifications), shown as they are. */
  otherDedicated: Decimal
  closingDedicated: Decimal
  booked: { newDedicated: Decimal; usedDedicated: Decimal }
  proposed: { newDedicated: Decimal; usedDedicated: Decimal; deferred: Decimal }
}

const max0 = (d: Decimal) => (d.isNegative() ? ZERO : d)

/**
 * Year-end positions per convention (domain.md §1.4), from the grants' view of the ledger
 * (grant_ledger_lines: analytic grant_id or allocation):
 * - deferred income (487) needed at year end: the part of the year's revenue above the year's
 *   split, when later years are planned (capped by them). The revenue before that closing
 *   adjustment is the booked revenue plus the 487 balance already booked at year end.
 * - eligible costs consumed C (class 6 without 689x); the convention's share is C × its
 *   cofinancing rate (all of C without a rate);
 * - unused = revenue after deferral − share: positive → new fonds dédiés (6894/194); negative →
 *   use of prior fonds dédiés (194/7894) up to the opening balance.
 * Proposals are the difference between what is needed and what the ledger already holds.
 */
export class YearEndPositions extends ClientReport<
  { year: number },
  Awaited<ReturnType<typeof yearEndPositions>>
> {
  build() {
    return yearEndPositions(this.tenant.organisationId, this.params, this.client)
  }
}

/** The fiscal year ending in the year (its dates when there is none). */
async function fiscalPeriod(organisationId: number, year: number, client?: Client) {
  const [fy] = await rows<{ id: number; start: string; end: string; status: string }>(
    `SELECT id, start_date::text AS start, end_date::text AS end, status FROM fiscal_years
      WHERE organisation_id = :org AND extract(year FROM end_date) = :year
      ORDER BY end_date DESC LIMIT 1`,
    { org: organisationId, year: year },
    client
  )
  return fy
    ? {
        id: fy.id,
        start: fy.start,
        end: fy.end,
        status: fy.status,
      }
    : { id: null, start: `${year}-01-01`, end: `${year}-12-31`, status: 'none' }
}

async function yearEndPositions(organisationId: number, params: { year: number }, client?: Client) {
  const period = await fiscalPeriod(organisationId, params.year, client)
  // Balances of a fiscal year are its own lines, opening included (journal AN, à-nouveaux).
  const scope = period.id
    ? `e.fiscal_year_id = :fy`
    : `l.entry_date BETWEEN CAST(:start AS date) AND CAST(:end AS date)`
  const openingLine = `j.code = 'AN'`
  const inYear = `j.code <> 'AN'`
  const list = await rows<{
    id: number
    reference: string
    title: string
    funder: string
    cofinancing_rate: string | null
    recognised: string
    split: string
    later_split: string
    pca_close: string
    consumed: string
    fd_open: string
    fd_new: string
    fd_used: string
    fd_close: string
  }>(
    `WITH lines AS (
       SELECT l.grant_id,
              sum(CASE WHEN ${REVENUE_LINE} AND ${inYear} THEN l.credit - l.debit ELSE 0 END) AS recognised,
              sum(CASE WHEN ${COST_LINE} AND ${inYear} THEN l.debit - l.credit ELSE 0 END) AS consumed,
              sum(CASE WHEN l.account_number LIKE '194%' AND ${openingLine} THEN l.credit - l.debit ELSE 0 END) AS fd_open,
              sum(CASE WHEN l.account_number LIKE '194%' THEN l.credit - l.debit ELSE 0 END) AS fd_close,
              sum(CASE WHEN l.account_number LIKE '6894%' THEN l.debit - l.credit ELSE 0 END) AS fd_new,
              sum(CASE WHEN l.account_number LIKE '7894%' THEN l.credit - l.debit ELSE 0 END) AS fd_used,
              sum(CASE WHEN l.account_number LIKE '487%' THEN l.credit - l.debit ELSE 0 END) AS pca_close
         FROM grant_ledger_lines l JOIN grants g ON g.id = l.grant_id
         JOIN entries e ON e.id = l.entry_id JOIN journals j ON j.id = e.journal_id
        WHERE l.organisation_id = :org AND ${scope}
        GROUP BY l.grant_id)
     SELECT g.id, g.reference, g.title, f.name AS funder, g.cofinancing_rate,
            coalesce((SELECT amount FROM grant_years y WHERE y.grant_id = g.id AND y.year = :year), 0) AS split,
            coalesce((SELECT sum(amount) FROM grant_years y WHERE y.grant_id = g.id AND y.year > :year), 0) AS later_split,
            coalesce(x.recognised, 0) AS recognised, coalesce(x.consumed, 0) AS consumed,
            coalesce(x.fd_open, 0) AS fd_open, coalesce(x.fd_close, 0) AS fd_close,
            coalesce(x.fd_new, 0) AS fd_new, coalesce(x.fd_used, 0) AS fd_used,
            coalesce(x.pca_close, 0) AS pca_close
       FROM grants g JOIN funders f ON f.id = g.funder_id
       LEFT JOIN lines x ON x.grant_id = g.id
      WHERE g.organisation_id = :org
        AND (x.grant_id IS NOT NULL OR (g.period_start <= CAST(:end AS date) AND g.period_end >= CAST(:start AS date)))
      ORDER BY f.name, g.reference`,
    {
      org: organisationId,
      year: params.year,
      start: period.start,
      end: period.end,
      fy: period.id,
    },
    client
  )
  const positions: YearEndPosition[] = list.map((r) => {
    const recognised = dec(r.recognised)
    const split = dec(r.split)
    const laterSplit = dec(r.later_split)
    const deferredBooked = dec(r.pca_close)
    const beforeDeferral = recognised.plus(deferredBooked)
    const deferred = laterSplit.isZero()
      ? ZERO
      : Money.min(max0(beforeDeferral.minus(split)), laterSplit)
    const afterDeferral = beforeDeferral.minus(deferred)
    const consumed = dec(r.consumed)
    const rate = r.cofinancing_rate === null ? null : dec(r.cofinancing_rate)
    const attributable = rate ? consumed.times(rate).toDecimalPlaces(2) : consumed
    const unused = afterDeferral.minus(attributable)
    const opening = dec(r.fd_open)
    const bookedNew = dec(r.fd_new)
    const bookedUsed = dec(r.fd_used)
    const other = dec(r.fd_close).minus(opening).minus(bookedNew).plus(bookedUsed)
    const newDedicated = max0(unused)
    const usedDedicated = unused.isNegative()
      ? Money.min(max0(opening.plus(other)), unused.negated())
      : ZERO
    return {
      grantId: r.id,
      reference: r.reference,
      title: r.title,
      funder: r.funder,
      cofinancingRate: rate,
      split,
      laterSplit,
      recognised,
      consumed,
      attributable,
      deferred,
      deferredBooked,
      deferredProposed: deferred.minus(deferredBooked),
      openingDedicated: opening,
      newDedicated,
      usedDedicated,
      otherDedicated: other,
      closingDedicated: opening.plus(other).plus(newDedicated).minus(usedDedicated),
      booked: { newDedicated: bookedNew, usedDedicated: bookedUsed },
      proposed: {
        newDedicated: newDedicated.minus(bookedNew),
        usedDedicated: usedDedicated.minus(bookedUsed),
        deferred: deferred.minus(deferredBooked),
      },
    }
  })
  const [ledger] = await rows<{
    fd_opening: string
    fd_closing: string
    fd_new: string
    fd_used: string
    pca: string
  }>(
    `SELECT
       coalesce(sum(CASE WHEN l.account_number LIKE '194%' AND ${openingLine} THEN l.credit - l.debit END), 0) AS fd_opening,
       coalesce(sum(CASE WHEN l.account_number LIKE '194%' THEN l.credit - l.debit END), 0) AS fd_closing,
       coalesce(sum(CASE WHEN l.account_number LIKE '6894%' THEN l.debit - l.credit END), 0) AS fd_new,
       coalesce(sum(CASE WHEN l.account_number LIKE '7894%' THEN l.credit - l.debit END), 0) AS fd_used,
       coalesce(sum(CASE WHEN l.account_number LIKE '487%' THEN l.credit - l.debit END), 0) AS pca
     FROM entry_lines l JOIN entries e ON e.id = l.entry_id JOIN journals j ON j.id = e.journal_id
     WHERE l.organisation_id = :org AND ${scope}`,
    { org: organisationId, start: period.start, end: period.end, fy: period.id },
    client
  )
  const sum = (pick: (p: YearEndPosition) => Decimal) => sumMoney(positions.map(pick))
  const totals = {
    recognised: sum((p) => p.recognised),
    consumed: sum((p) => p.consumed),
    attributable: sum((p) => p.attributable),
    deferred: sum((p) => p.deferred),
    deferredBooked: sum((p) => p.deferredBooked),
    openingDedicated: sum((p) => p.openingDedicated),
    newDedicated: sum((p) => p.newDedicated),
    usedDedicated: sum((p) => p.usedDedicated),
    otherDedicated: sum((p) => p.otherDedicated),
    closingDedicated: sum((p) => p.closingDedicated),
    bookedNew: sum((p) => p.booked.newDedicated),
    bookedUsed: sum((p) => p.booked.usedDedicated),
  }
  const ledgerFigures = {
    dedicatedOpening: dec(ledger.fd_opening),
    dedicatedNew: dec(ledger.fd_new),
    dedicatedUsed: dec(ledger.fd_used),
    dedicatedClosing: dec(ledger.fd_closing),
    deferredClosing: dec(ledger.pca),
  }
  return {
    year: params.year,
    period,
    positions,
    totals,
    ledger: {
      ...ledgerFigures,
      // What the ledger holds on 194 / 487 outside any convention (to explain, never hidden).
      dedicatedUnassigned: ledgerFigures.dedicatedClosing.minus(
        sum((p) =>
          p.openingDedicated
            .plus(p.otherDedicated)
            .plus(p.booked.newDedicated)
            .minus(p.booked.usedDedicated)
        )
      ),
      deferredUnassigned: ledgerFigures.deferredClosing.minus(totals.deferredBooked),
    },
  }
}
