import type { HttpContext } from '@adonisjs/core/http'
import { versionValidator } from '#validators/accounting'
import ValidateEntry from '#actions/accounting/validate_entry'

/** POST /comptabilite/ecritures/:id/validation: a draft becomes a numbered, sealed entry. */
export default class EntryValidationsController {
  async store({ request, response, session, params, tenant }: HttpContext) {
    const { version } = await request.validateUsing(versionValidator)
    const sealed = await ValidateEntry.handle(tenant!, { id: Number(params.id), version })
    session.flash('success', `Écriture validée sous le n° ${sealed.number}.`)
    return response.redirect().toRoute('accounting.entries.show', { id: params.id })
  }
}
