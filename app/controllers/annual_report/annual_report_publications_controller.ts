import type { HttpContext } from '@adonisjs/core/http'
import PublishAnnualReport from '#actions/annual_report/publish_annual_report'
import { publishAnnualReportValidator } from '#validators/annual_report'

/** The generated annual report taken as the year's published report (reconciliation). */
export default class AnnualReportPublicationsController {
  async store({ request, tenant, session, response }: HttpContext) {
    const { annee } = await request.validateUsing(publishAnnualReportValidator)
    const published = await PublishAnnualReport.handle(tenant!, { year: annee })
    session.flash(
      'success',
      `Rapport annuel ${annee} retenu comme rapport publié (${published.values} chiffres) : les rapprochements le comparent désormais aux données.`
    )
    return response.redirect().toRoute('reconciliation.index', {}, { qs: { annee } })
  }
}
