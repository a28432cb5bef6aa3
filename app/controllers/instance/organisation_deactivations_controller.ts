import type { HttpContext } from '@adonisjs/core/http'
import SetOrganisationActive from '#actions/instance/set_organisation_active'

/** Deactivating an organisation is its own resource: POST creates it, DELETE reactivates. */
export default class OrganisationDeactivationsController {
  async store({ params, response, session, tenant }: HttpContext) {
    const organisation = await SetOrganisationActive.handle(tenant!, {
      id: Number(params.id),
      active: false,
    })
    session.flash(
      'success',
      `Organisation « ${organisation.name} » désactivée : ses membres ne peuvent plus s’y connecter.`
    )
    return response.redirect().toRoute('instance.organisations.index')
  }

  async destroy({ params, response, session, tenant }: HttpContext) {
    const organisation = await SetOrganisationActive.handle(tenant!, {
      id: Number(params.id),
      active: true,
    })
    session.flash('success', `Organisation « ${organisation.name} » réactivée.`)
    return response.redirect().toRoute('instance.organisations.index')
  }
}
