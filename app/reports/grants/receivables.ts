import { ClientReport } from '#support/report'
import type { Decimal } from 'decimal.js'
import { dec, rows } from '#reports/grants/sql'
import { sumMoney } from '#support/money'

export type ReceivableRow = {
  grantId: number
  reference: string
  title: string
  funder: string
  status: string
  awarded: Decimal
  recognised: Decimal
  received: Decimal
  receivable: Decimal
  /** Balance of the 441 lines attributed to the convention (fiscal year of the date). */
  ledger441: Decimal
}

/** What each convention still owes at the date, with the totals tied to the ledger's 441. */
export interface ReceivablesAtDate {
  date: string
  rows: ReceivableRow[]
  totals: Record<'awarded' | 'recognised' | 'received' | 'receivable' | 'ledger441', Decimal>
  ledger441: Decimal
  /** 441 lines of no convention (earlier conventions, investment grants...). */
  unattributed441: Decimal
  /** Recognised (split) versus notified in the ledger, convention by convention. */
  timing: Decimal
  difference: Decimal
}

/**
 * What each convention still owes at a date: recognised to date (split of the years up to the
 * date's year) minus the receipts up to the date (cancelled receipts left out). The total is tied to the ledger's 441 balance.
 */
export class Receivables extends ClientReport<{ date: string }, ReceivablesAtDate> {
  async build(): Promise<ReceivablesAtDate> {
    const { date } = this.params
    const organisationId = this.tenant.organisationId
    const list = await rows<{
      id: number
      reference: string
      title: string
      status: string
      funder: string
      amount_awarded: string
      recognised: string
      received: string
      ledger441: string
    }>(
      `SELECT g.id, g.reference, g.title, g.status, f.name AS funder, g.amount_awarded,
            (SELECT coalesce(sum(y.amount), 0) FROM grant_years y
              WHERE y.grant_id = g.id AND y.year <= extract(year FROM CAST(:date AS date))) AS recognised,
            (SELECT coalesce(sum(r.amount), 0) FROM grant_receipts r
              WHERE r.grant_id = g.id AND r.cancelled_at IS NULL
                AND r.received_on <= CAST(:date AS date)) AS received,
            (SELECT coalesce(sum(l.debit - l.credit), 0) FROM grant_ledger_lines l
               JOIN entries e ON e.id = l.entry_id JOIN fiscal_years fy ON fy.id = e.fiscal_year_id
              WHERE l.organisation_id = g.organisation_id AND l.grant_id = g.id
                AND l.account_number LIKE '441%' AND l.entry_date <= CAST(:date AS date)
                AND CAST(:date AS date) BETWEEN fy.start_date AND fy.end_date) AS ledger441
       FROM grants g JOIN funders f ON f.id = g.funder_id
      WHERE g.organisation_id = :org
      ORDER BY f.name, g.reference`,
      { org: organisationId, date },
      this.client
    )
    const result: ReceivableRow[] = list.map((r) => ({
      grantId: r.id,
      reference: r.reference,
      title: r.title,
      funder: r.funder,
      status: r.status,
      awarded: dec(r.amount_awarded),
      recognised: dec(r.recognised),
      received: dec(r.received),
      receivable: dec(r.recognised).minus(dec(r.received)),
      ledger441: dec(r.ledger441),
    }))
    const [ledger] = await rows<{ balance: string }>(
      // A fiscal year's balance is its own lines, à-nouveaux included.
      `SELECT coalesce(sum(l.debit - l.credit), 0) AS balance
       FROM entry_lines l JOIN entries e ON e.id = l.entry_id
       LEFT JOIN fiscal_years f ON f.id = e.fiscal_year_id
      WHERE l.organisation_id = :org AND l.account_number LIKE '441%' AND l.entry_date <= CAST(:date AS date)
        AND (NOT EXISTS (SELECT 1 FROM fiscal_years x WHERE x.organisation_id = :org
                           AND CAST(:date AS date) BETWEEN x.start_date AND x.end_date)
             OR CAST(:date AS date) BETWEEN f.start_date AND f.end_date)`,
      { org: organisationId, date },
      this.client
    )
    const total = sumMoney(result.map((r) => r.receivable))
    const ledger441 = dec(ledger.balance)
    const attributed = sumMoney(result.map((r) => r.ledger441))
    return {
      date,
      rows: result,
      totals: {
        awarded: sumMoney(result.map((r) => r.awarded)),
        recognised: sumMoney(result.map((r) => r.recognised)),
        received: sumMoney(result.map((r) => r.received)),
        receivable: total,
        ledger441: attributed,
      },
      ledger441,
      unattributed441: ledger441.minus(attributed),
      timing: total.minus(attributed),
      difference: total.minus(ledger441),
    }
  }
}
