import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'

/** The year of the HR pages: the one asked for, or the last complete year with register data. */
export default class HrYear extends Report<{ requested?: number }, number> {
  async build() {
    if (this.params.requested) return this.params.requested
    const lastYear = new Date().getFullYear() - 1
    const latest = await db
      .from('contracts')
      .where('organisation_id', this.tenant.organisationId)
      .max('start_date as day')
      .first()
    return latest?.day ? Math.min(Number(String(latest.day).slice(0, 4)), lastYear) : lastYear
  }
}
