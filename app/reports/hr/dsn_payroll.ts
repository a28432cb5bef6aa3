import type { Decimal } from 'decimal.js'
import db from '@adonisjs/lucid/services/db'
import { toMoney } from '#support/money'
import { ClientReport } from '#support/report'

export interface PayrollMonth {
  /** 'YYYY-MM-01' */
  month: string
  ledgerGross: Decimal
  ledgerContributions: Decimal
  /** null when no DSN is in force for the month. */
  dsnGross: Decimal | null
  dsnContributions: Decimal | null
  dsnHeadcount: number | null
  registerHeadcount: number
}

/**
 * Payroll of a calendar year month by month (issue #19): gross pay booked on 641x and employer
 * contributions on 645x (opening entries aside), the DSN in force for the month (gross pay,
 * employer contributions, people declared), and the register's headcount (people with a
 * contract in force during the month). Read by the payroll reconciliation and by the demo's
 * DSN generator, so that both read the ledger the same way.
 */
const SQL_PAYROLL_MONTHS = `
  WITH months AS (
    SELECT generate_series(make_date(?::int, 1, 1), make_date(?::int, 12, 1), interval '1 month')::date AS month
  ), ledger AS (
    SELECT date_trunc('month', l.entry_date)::date AS month,
           sum(CASE WHEN l.account_number LIKE '641%' THEN l.debit - l.credit ELSE 0 END) AS gross,
           sum(CASE WHEN l.account_number LIKE '645%' THEN l.debit - l.credit ELSE 0 END) AS contributions
      FROM entry_lines l JOIN entries e ON e.id = l.entry_id JOIN journals j ON j.id = e.journal_id
     WHERE l.organisation_id = ? AND j.code <> 'AN'
       AND l.entry_date >= make_date(?::int, 1, 1) AND l.entry_date < make_date(?::int + 1, 1, 1)
       AND (l.account_number LIKE '641%' OR l.account_number LIKE '645%')
     GROUP BY 1
  ), register AS (
    SELECT m.month, count(DISTINCT c.employee_id)::int AS headcount
      FROM months m JOIN contracts c ON c.organisation_id = ? AND c.superseded_at IS NULL
       AND c.start_date <= (m.month + interval '1 month - 1 day')::date
       AND (c.end_date IS NULL OR c.end_date >= m.month)
     GROUP BY m.month
  )
  SELECT to_char(m.month, 'YYYY-MM-DD') AS month,
         coalesce(l.gross, 0)::text AS ledger_gross, coalesce(l.contributions, 0)::text AS ledger_contributions,
         d.gross_total::text AS dsn_gross, d.employer_contributions::text AS dsn_contributions,
         d.headcount AS dsn_headcount, coalesce(r.headcount, 0) AS register_headcount
    FROM months m
    LEFT JOIN ledger l ON l.month = m.month
    LEFT JOIN register r ON r.month = m.month
    LEFT JOIN dsn_declarations d ON d.organisation_id = ? AND d.month = m.month AND d.status = 'active'
   ORDER BY m.month`

export class DsnPayrollMonths extends ClientReport<{ year: number }, { months: PayrollMonth[] }> {
  async build(): Promise<{ months: PayrollMonth[] }> {
    const { year } = this.params
    const organisationId = this.tenant.organisationId
    const { rows } = await (this.client ?? db.connection()).rawQuery(SQL_PAYROLL_MONTHS, [
      year,
      year,
      organisationId,
      year,
      year,
      organisationId,
      organisationId,
    ])
    return {
      months: rows.map((r: Record<string, string | number | null>): PayrollMonth => ({
        month: String(r.month),
        ledgerGross: toMoney(String(r.ledger_gross)),
        ledgerContributions: toMoney(String(r.ledger_contributions)),
        dsnGross: r.dsn_gross === null ? null : toMoney(String(r.dsn_gross)),
        dsnContributions:
          r.dsn_contributions === null ? null : toMoney(String(r.dsn_contributions)),
        dsnHeadcount: r.dsn_headcount === null ? null : Number(r.dsn_headcount),
        registerHeadcount: Number(r.register_headcount),
      })),
    }
  }
}
