import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import {
  LedgerChargeRatio,
  StaffCostsByProgramme,
  type StaffCostLine,
} from '#reports/hr/staff_costs'
import type { Decimal } from 'decimal.js'

export interface StaffCostPageResult {
  lines: StaffCostLine[]
  ledgerRatio: Decimal | null
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
    const period = { from: `${year}-01-01`, to: `${year}-12-31` }
    const lines = await new StaffCostsByProgramme(this.tenant, {
      ...period,
      chargeRate: source,
    }).build()
    const ledgerRatio = await new LedgerChargeRatio(this.tenant, period).build()
    const settings = await db.from('hr_settings').where('organisation_id', org).first()
    return {
      lines,
      ledgerRatio,
      chargeRate: Number(settings?.employer_charge_rate ?? 0.45) * 100,
      annualHours: settings?.fse_annual_hours ?? 1720,
    }
  }
}
