import type { HttpContext } from '@adonisjs/core/http'
import PostResultAllocation from '#actions/accounting/post_result_allocation'

/** POST …/exercices/:id/affectation/comptabiliser: the allocation's entry is posted. */
export default class ResultAllocationPostingsController {
  async store({ params, response, tenant, session }: HttpContext) {
    await PostResultAllocation.handle(tenant!, { id: Number(params.id) })
    session.flash('success', 'Écriture d’affectation du résultat comptabilisée.')
    return response.redirect().toRoute('accounting.year_end.index')
  }
}
