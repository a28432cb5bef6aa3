import type { HttpContext } from '@adonisjs/core/http'
import { LedgerChoices } from '#reports/accounting/fiscal_years'
import { presentFiscalYear } from '#http/api/present'

/** GET /api/v1/exercices: the organisation's fiscal years, newest first. */
export default class ApiFiscalYearsController {
  async index({ tenant }: HttpContext) {
    const { years } = await new LedgerChoices(tenant!, {}).build()
    return { fiscal_years: years.map(presentFiscalYear) }
  }
}
