import type { HttpContext } from '@adonisjs/core/http'
import { reverseValidator } from '#validators/accounting'
import ReverseEntry from '#actions/accounting/reverse_entry'

/** POST /comptabilite/ecritures/:id/extourne: a validated entry is cancelled by its reversal. */
export default class EntryReversalsController {
  async store({ request, response, session, params, tenant }: HttpContext) {
    const { date } = await request.validateUsing(reverseValidator)
    const reversal = await ReverseEntry.handle(tenant!, { id: Number(params.id), date })
    session.flash('success', `Extourne passée sous le n° ${reversal.number}.`)
    return response.redirect().toRoute('accounting.entries.show', { id: reversal.id })
  }
}
