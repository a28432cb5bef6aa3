import type { Decimal } from 'decimal.js'
import { ClientReport } from '#support/report'
import { grantOf } from '#reports/grants/grant_detail'
import { COST_LINE, REVENUE_LINE, dec, rows, type Client } from '#reports/grants/sql'
import { sumMoney } from '#support/money'

export type GrantFiscalYear = {
  /** The year the fiscal year ends in. */
  year: number
  /** The part of the awarded amount split to the year (grant_years). */
  awarded: Decimal
  /** Revenue recognised: the convention's revenue lines of the year, net (à-nouveaux excepted). */
  recognised: Decimal
  /** Costs consumed: class 6 lines attributed to it, 689x excepted. */
  consumed: Decimal
  /** Fonds dédiés opened (6894) and used (7894) for the convention in the year. */
  dedicatedOpened: Decimal
  dedicatedUsed: Decimal
}

const FIGURES = ['awarded', 'recognised', 'consumed', 'dedicatedOpened', 'dedicatedUsed'] as const

/**
 * A convention across its fiscal years (issue #14), as State CPOs and FSE+ operations are
 * followed: per fiscal year (named by the year it ends in) the amount split to it, the revenue
 * recognised, the costs consumed, the fonds dédiés opened and used, with totals. Ledger figures
 * read the convention's lines, booked with it or attributed later (grant_ledger_lines), by the
 * fiscal year of their entry; the years are those of its split, of its lines and of its period.
 */
export class GrantFiscalYears extends ClientReport<
  { grantId: number },
  Awaited<ReturnType<typeof grantFiscalYears>>
> {
  build() {
    return grantFiscalYears(this.tenant.organisationId, this.params.grantId, this.client)
  }
}

async function grantFiscalYears(org: number, grantId: number, client?: Client) {
  const grant = await grantOf(org, grantId, client).firstOrFail()
  const found = await rows<{
    year: number
    awarded: string
    recognised: string
    consumed: string
    opened: string
    used: string
  }>(
    `WITH ledger AS (
       SELECT extract(year FROM f.end_date)::int AS year,
              sum(CASE WHEN ${REVENUE_LINE} THEN l.credit - l.debit ELSE 0 END) AS recognised,
              sum(CASE WHEN ${COST_LINE} THEN l.debit - l.credit ELSE 0 END) AS consumed,
              sum(CASE WHEN l.account_number LIKE '6894%' THEN l.debit - l.credit ELSE 0 END) AS opened,
              sum(CASE WHEN l.account_number LIKE '7894%' THEN l.credit - l.debit ELSE 0 END) AS used
         FROM grant_ledger_lines l JOIN grants g ON g.id = l.grant_id
         JOIN entries e ON e.id = l.entry_id JOIN journals j ON j.id = e.journal_id
         JOIN fiscal_years f ON f.id = e.fiscal_year_id
        WHERE l.organisation_id = :org AND l.grant_id = :id AND j.code <> 'AN'
        GROUP BY 1),
     years AS (
       SELECT year FROM ledger
       UNION SELECT year FROM grant_years WHERE organisation_id = :org AND grant_id = :id
       UNION SELECT generate_series(extract(year FROM g.period_start)::int,
                                    extract(year FROM g.period_end)::int)
               FROM grants g WHERE g.organisation_id = :org AND g.id = :id)
     SELECT y.year, coalesce(s.amount, 0) AS awarded,
            coalesce(x.recognised, 0) AS recognised, coalesce(x.consumed, 0) AS consumed,
            coalesce(x.opened, 0) AS opened, coalesce(x.used, 0) AS used
       FROM years y
       LEFT JOIN ledger x ON x.year = y.year
       LEFT JOIN grant_years s ON s.organisation_id = :org AND s.grant_id = :id AND s.year = y.year
      ORDER BY y.year`,
    { org, id: grant.id },
    client
  )
  const years: GrantFiscalYear[] = found.map((r) => ({
    year: r.year,
    awarded: dec(r.awarded),
    recognised: dec(r.recognised),
    consumed: dec(r.consumed),
    dedicatedOpened: dec(r.opened),
    dedicatedUsed: dec(r.used),
  }))
  const total = Object.fromEntries(
    FIGURES.map((key) => [key, sumMoney(years.map((y) => y[key]))])
  ) as Omit<GrantFiscalYear, 'year'>
  return { grant, years, total }
}
