import type { HttpContext } from '@adonisjs/core/http'
import { allocationValidator } from '#validators/accounting_statements'
import SaveResultAllocation from '#actions/accounting/save_result_allocation'

/**
 * POST …/exercices/:id/affectation: the allocation of a closed year's result, founded on the
 * general assembly's adopted resolution chosen in the form.
 */
export default class ResultAllocationsController {
  async store({ params, request, response, tenant, session }: HttpContext) {
    const payload = await request.validateUsing(allocationValidator)
    const { resolution } = await SaveResultAllocation.handle(tenant!, {
      id: Number(params.id),
      ...payload,
    })
    session.flash('success', `Décision d’affectation enregistrée : ${resolution.label}.`)
    return response.redirect().toRoute('accounting.year_end.index')
  }
}
