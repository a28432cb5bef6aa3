import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Report } from '#support/report'

export interface FiscalYearProposal {
  label: string
  startDate: string
  endDate: string
}

/**
 * The dates proposed in the form that opens a fiscal year: the day after the latest one ends,
 * for twelve months; the organisation's first one starts on the first day of the month its
 * settings give (`organisations.fiscal_year_start_month`), the latest such day up to `today`.
 * A proposal only: the form's dates are what is opened.
 */
export class NextFiscalYear extends Report<{ today?: DateTime }, FiscalYearProposal> {
  async build() {
    const organisationId = this.tenant.organisationId
    const row = await db
      .from('organisations')
      .where('organisations.id', organisationId)
      .select(
        'fiscal_year_start_month',
        db
          .from('fiscal_years')
          .where('organisation_id', organisationId)
          .max('end_date')
          .as('latest_end')
      )
      .first()
    const today = this.params.today ?? DateTime.now()
    let start: DateTime
    if (row?.latest_end) {
      // A `date` arrives as its ISO text (config/database.ts).
      start = DateTime.fromISO(String(row.latest_end)).plus({ days: 1 })
    } else {
      const month = Number(row?.fiscal_year_start_month ?? 1)
      start = DateTime.fromObject({ year: today.year, month, day: 1 })
      if (start > today) start = start.minus({ years: 1 })
    }
    const end = start.plus({ years: 1 }).minus({ days: 1 })
    const label = start.year === end.year ? String(start.year) : `${start.year}-${end.year}`
    return { label, startDate: start.toISODate()!, endDate: end.toISODate()! }
  }
}
