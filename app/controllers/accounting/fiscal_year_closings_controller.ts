import type { HttpContext } from '@adonisjs/core/http'
import { reopenValidator } from '#validators/accounting_statements'
import CloseFiscalYear from '#actions/accounting/close_fiscal_year'
import ReopenFiscalYear from '#actions/accounting/reopen_fiscal_year'

/**
 * The closing of a fiscal year as a resource: POST …/exercices/:id/cloture closes the year,
 * DELETE …/exercices/:id/cloture reopens it (administrators only, with a reason).
 */
export default class FiscalYearClosingsController {
  async store({ params, response, tenant, session }: HttpContext) {
    const closing = await CloseFiscalYear.handle(tenant!, { id: Number(params.id) })
    const result = closing.result.toFixed(2).replace('.', ',')
    session.flash(
      'success',
      `Exercice clôturé : résultat ${result} € ; à-nouveaux générés dans l’exercice suivant.`
    )
    return response.redirect().toRoute('accounting.year_end.index')
  }

  async destroy({ params, request, response, tenant, session }: HttpContext) {
    const { motif } = await request.validateUsing(reopenValidator)
    await ReopenFiscalYear.handle(tenant!, { id: Number(params.id), motif })
    session.flash(
      'success',
      'Exercice rouvert ; les à-nouveaux ont été annulés par une écriture d’extourne.'
    )
    return response.redirect().toRoute('accounting.year_end.index')
  }
}
