import type { HttpContext } from '@adonisjs/core/http'
import { YearEndPositions } from '#reports/grants/year_end'
import { apiYearValidator } from '#validators/api'
import { fiscalYearOf } from '#http/api/years'
import { presentGrantsYearEnd } from '#http/api/present'

/**
 * GET /api/v1/financements?annee=2023: each convention's position at the end of the fiscal
 * year (revenue recognised, costs, deferred income, fonds dédiés), as the year-end page.
 */
export default class ApiGrantsController {
  async show({ request, tenant }: HttpContext) {
    const { annee } = await apiYearValidator.validate(request.qs())
    const year = await fiscalYearOf(tenant!, annee)
    const report = await new YearEndPositions(tenant!, { year: annee }).build()
    return presentGrantsYearEnd(year, report)
  }
}
