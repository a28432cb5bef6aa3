import type { HttpContext } from '@adonisjs/core/http'
import { KeyFigures } from '#reports/activity/key_figures'
import { apiYearValidator } from '#validators/api'
import { fiscalYearOf } from '#http/api/years'
import { presentFiscalYear, presentKeyFigures } from '#http/api/present'

/** GET /api/v1/chiffres-cles?annee=2023: the activity's key figures of the year. */
export default class ApiKeyFiguresController {
  async show({ request, tenant }: HttpContext) {
    const { annee } = await apiYearValidator.validate(request.qs())
    const year = await fiscalYearOf(tenant!, annee)
    const report = await new KeyFigures(tenant!, { year: annee }).build()
    return { fiscal_year: presentFiscalYear(year), ...presentKeyFigures(report) }
  }
}
