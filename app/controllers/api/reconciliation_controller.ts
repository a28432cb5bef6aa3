import type { HttpContext } from '@adonisjs/core/http'
import { ReconciliationStatus } from '#reports/reconciliation/reconciliation_status'
import { apiYearValidator } from '#validators/api'
import { fiscalYearOf } from '#http/api/years'
import { presentReconciliation } from '#http/api/present'

/** GET /api/v1/rapprochements?annee=2023: the latest reconciliation run of the year. */
export default class ApiReconciliationController {
  async show({ request, tenant }: HttpContext) {
    const { annee } = await apiYearValidator.validate(request.qs())
    const year = await fiscalYearOf(tenant!, annee)
    const report = await new ReconciliationStatus(tenant!, { year: annee }).build()
    return presentReconciliation(year, report)
  }
}
