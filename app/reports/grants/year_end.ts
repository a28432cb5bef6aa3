import { Decimal } from 'decimal.js'
import { COST_LINE, REVENUE_LINE, dec, rows, type Client } from '#reports/grants/sql'
import { sumMoney } from '#support/money'

export interface YearEndPosition {
  grantId: number
  reference: string
  title: string
  funder: string
  cofinancingRate: Decimal | null
  split: Decimal
  laterSplit: Decimal
  recognised: Decimal
  consumed: Decimal
  attributable: Decimal
  deferred: Decimal
  openingDedicated: Decimal
  newDedicated: Decimal
  usedDedicated: Decimal
  closingDedicated: Decimal
  booked: { newDedicated: Decimal; usedDedicated: Decimal; deferred: Decimal }
}

const ZERO = new Decimal(0)
const max0 = (d: Decimal) => (d.isNegative() ? ZERO : d)

/**
 * Year-end positions per convention (domain.md §1.4), from the ledger's analytic lines:
 * - recognised revenue R (74x lines of the convention in the year);
 * - deferred income (487): the part of R above the year's split when later years are planned;
 * - eligible costs consumed C (class 6 lines of the convention, without 689x), of which the
 *   convention's share is C × cofinancing rate;
 * - unused = R − deferred − share: if positive, new fonds dédiés (6894/194); if negative, use of
 *   prior fonds dédiés (194/7894) up to the opening balance.
 * `booked` shows what the ledger already holds for the year, so proposals are only the gaps.
 */
export class YearEndPositions {
  constructor(
    private organisationId: number,
    private year: number,
    private client?: Client
  ) {}

  async period() {
    const [fy] = await rows(
      `SELECT id, start_date::text AS start, end_date::text AS end, status FROM fiscal_years
        WHERE organisation_id = :org AND extract(year FROM end_date) = :year
        ORDER BY end_date DESC LIMIT 1`,
      { org: this.organisationId, year: this.year },
      this.client
    )
    return fy
      ? { id: fy.id as number, start: fy.start as string, end: fy.end as string, status: fy.status }
      : { id: null, start: `${this.year}-01-01`, end: `${this.year}-12-31`, status: 'none' }
  }

  async compute() {
    const period = await this.period()
    const list = await rows(
      `WITH lines AS (
         SELECT l.grant_id,
                sum(CASE WHEN ${REVENUE_LINE} AND l.entry_date BETWEEN :start AND :end
                         THEN l.credit - l.debit ELSE 0 END) AS recognised,
                sum(CASE WHEN ${COST_LINE} AND l.entry_date BETWEEN :start AND :end
                         THEN l.debit - l.credit ELSE 0 END) AS consumed,
                sum(CASE WHEN l.account_number LIKE '194%' AND l.entry_date < :start
                         THEN l.credit - l.debit ELSE 0 END) AS opening_fd,
                sum(CASE WHEN l.account_number LIKE '6894%' AND l.entry_date BETWEEN :start AND :end
                         THEN l.debit - l.credit ELSE 0 END) AS booked_new,
                sum(CASE WHEN l.account_number LIKE '7894%' AND l.entry_date BETWEEN :start AND :end
                         THEN l.credit - l.debit ELSE 0 END) AS booked_used,
                sum(CASE WHEN l.account_number LIKE '487%' AND l.entry_date BETWEEN :start AND :end
                         THEN l.credit - l.debit ELSE 0 END) AS booked_deferred
           FROM entry_lines l JOIN grants g ON g.id = l.grant_id
          WHERE l.organisation_id = :org AND l.grant_id IS NOT NULL AND l.entry_date <= :end
          GROUP BY l.grant_id)
       SELECT g.id, g.reference, g.title, f.name AS funder, g.cofinancing_rate,
              coalesce((SELECT amount FROM grant_years y WHERE y.grant_id = g.id AND y.year = :year), 0) AS split,
              coalesce((SELECT sum(amount) FROM grant_years y WHERE y.grant_id = g.id AND y.year > :year), 0) AS later_split,
              coalesce(x.recognised, 0) AS recognised, coalesce(x.consumed, 0) AS consumed,
              coalesce(x.opening_fd, 0) AS opening_fd, coalesce(x.booked_new, 0) AS booked_new,
              coalesce(x.booked_used, 0) AS booked_used, coalesce(x.booked_deferred, 0) AS booked_deferred
         FROM grants g JOIN funders f ON f.id = g.funder_id
         LEFT JOIN lines x ON x.grant_id = g.id
        WHERE g.organisation_id = :org
          AND (x.grant_id IS NOT NULL OR (g.period_start <= :end AND g.period_end >= :start))
        ORDER BY f.name, g.reference`,
      { org: this.organisationId, year: this.year, start: period.start, end: period.end },
      this.client
    )
    const positions: YearEndPosition[] = list.map((r) => {
      const recognised = dec(r.recognised)
      const split = dec(r.split)
      const laterSplit = dec(r.later_split)
      const deferred = laterSplit.isZero()
        ? ZERO
        : Decimal.min(max0(recognised.minus(split)), laterSplit)
      const consumed = dec(r.consumed)
      const rate = r.cofinancing_rate === null ? null : dec(r.cofinancing_rate)
      const attributable = rate ? consumed.times(rate).toDecimalPlaces(2) : consumed
      const unused = recognised.minus(deferred).minus(attributable)
      const opening = dec(r.opening_fd)
      const newDedicated = max0(unused)
      const usedDedicated = unused.isNegative() ? Decimal.min(opening, unused.negated()) : ZERO
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
        openingDedicated: opening,
        newDedicated,
        usedDedicated,
        closingDedicated: opening.plus(newDedicated).minus(usedDedicated),
        booked: {
          newDedicated: dec(r.booked_new),
          usedDedicated: dec(r.booked_used),
          deferred: dec(r.booked_deferred),
        },
      }
    })
    const [ledger] = await rows(
      `SELECT
         coalesce(sum(CASE WHEN account_number LIKE '194%' AND entry_date < :start THEN credit - debit END), 0) AS fd_opening,
         coalesce(sum(CASE WHEN account_number LIKE '194%' THEN credit - debit END), 0) AS fd_closing,
         coalesce(sum(CASE WHEN account_number LIKE '6894%' AND entry_date >= :start THEN debit - credit END), 0) AS fd_new,
         coalesce(sum(CASE WHEN account_number LIKE '7894%' AND entry_date >= :start THEN credit - debit END), 0) AS fd_used,
         coalesce(sum(CASE WHEN account_number LIKE '487%' THEN credit - debit END), 0) AS pca,
         coalesce(sum(CASE WHEN account_number LIKE '194%' AND grant_id IS NULL THEN credit - debit END), 0) AS fd_unassigned,
         coalesce(sum(CASE WHEN account_number LIKE '487%' AND grant_id IS NULL THEN credit - debit END), 0) AS pca_unassigned
       FROM entry_lines WHERE organisation_id = :org AND entry_date <= :end`,
      { org: this.organisationId, start: period.start, end: period.end },
      this.client
    )
    const sum = (pick: (p: YearEndPosition) => Decimal) => sumMoney(positions.map(pick))
    return {
      year: this.year,
      period,
      positions,
      totals: {
        recognised: sum((p) => p.recognised),
        consumed: sum((p) => p.consumed),
        attributable: sum((p) => p.attributable),
        deferred: sum((p) => p.deferred),
        openingDedicated: sum((p) => p.openingDedicated),
        newDedicated: sum((p) => p.newDedicated),
        usedDedicated: sum((p) => p.usedDedicated),
        closingDedicated: sum((p) => p.closingDedicated),
      },
      ledger: {
        dedicatedOpening: dec(ledger.fd_opening),
        dedicatedNew: dec(ledger.fd_new),
        dedicatedUsed: dec(ledger.fd_used),
        dedicatedClosing: dec(ledger.fd_closing),
        deferredClosing: dec(ledger.pca),
        dedicatedUnassigned: dec(ledger.fd_unassigned),
        deferredUnassigned: dec(ledger.pca_unassigned),
      },
    }
  }
}
