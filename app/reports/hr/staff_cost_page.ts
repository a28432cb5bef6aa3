import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { costsByProgramme, ledgerChargeRatio } from '#reports/hr/staff_costs'

export interface StaffCostPageResult {
  lines: Awaited<ReturnType<typeof costsByProgramme>>
  ledgerRatio: Awaited<ReturnType<typeof ledgerChargeRatio>>
  chargeRate: number
  annualHours: number
}

/** Time and salary cost per programme over a year, with the rate it used (time page). */
export default class StaffCostPage extends Report<
  { year: number; source: 'setting' | 'ledger' },
  StaffCostPageResult
> {
  async build() {
    const org = this.tenant.organisationId
    const { year, source } = this.params
    const lines = await costsByProgramme(org, `${year}-01-01`, `${year}-12-31`, source)
    const ledgerRatio = await ledgerChargeRatio(org, `${year}-01-01`, `${year}-12-31`)
    const settings = await db.from('hr_settings').where('organisation_id', org).first()
    return {
      lines,
      ledgerRatio,
      chargeRate: Number(settings?.employer_charge_rate ?? 0.45) * 100,
      annualHours: settings?.fse_annual_hours ?? 1720,
    }
  }
}
