import type { HttpContext } from '@adonisjs/core/http'
import { organisationSwitchValidator } from '#validators/memberships'
import { ACTIVE_ORGANISATION } from '#middleware/tenant_middleware'
import SwitchOrganisation from '#actions/core/switch_organisation'

/**
 * The organisation a person acts for is a resource of their session (ADR 9): POST chooses one
 * of their memberships. The session id is renewed, as at login.
 */
export default class ActiveOrganisationController {
  async store({ request, response, session, auth, tenant }: HttpContext) {
    const { organisationId } = await request.validateUsing(organisationSwitchValidator)
    const membership = await SwitchOrganisation.handle(tenant!, auth.user!, { organisationId })
    session.put(ACTIVE_ORGANISATION, membership.organisationId)
    session.regenerate()
    session.flash('success', `Vous agissez maintenant pour « ${membership.organisationName} ».`)
    return response.redirect().toRoute('home')
  }
}
