import type { HttpContext } from '@adonisjs/core/http'
import { networkLinkValidator } from '#validators/instance'
import LinkNetworkMember, { UnlinkNetworkMember } from '#actions/instance/link_network_member'

/** The instance administrator makes an organisation a member of a network, or takes it out. */
export default class NetworkLinksController {
  async store({ request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(networkLinkValidator)
    await LinkNetworkMember.handle(tenant!, payload)
    session.flash(
      'success',
      'Rattachement enregistré : le réseau lira ses chiffres quand son administrateur l’aura accepté.'
    )
    return response.redirect().toRoute('instance.organisations.index')
  }

  async destroy({ params, response, session, tenant }: HttpContext) {
    await UnlinkNetworkMember.handle(tenant!, { id: Number(params.id) })
    session.flash('success', 'Rattachement retiré.')
    return response.redirect().toRoute('instance.organisations.index')
  }
}
