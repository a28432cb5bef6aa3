import type { HttpContext } from '@adonisjs/core/http'
import { TrialBalanceReport } from '#reports/accounting/trial_balance'
import { apiYearValidator } from '#validators/api'
import { fiscalYearOf } from '#http/api/years'
import { presentTrialBalance } from '#http/api/present'

/** GET /api/v1/balance-generale?annee=2023: the balance générale of the fiscal year. */
export default class ApiTrialBalanceController {
  async show({ request, tenant }: HttpContext) {
    const { annee } = await apiYearValidator.validate(request.qs())
    const year = await fiscalYearOf(tenant!, annee)
    const balance = await new TrialBalanceReport(tenant!, { fiscalYearId: year.id }).build()
    return presentTrialBalance(year, balance)
  }
}
