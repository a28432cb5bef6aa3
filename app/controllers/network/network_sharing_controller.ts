import type { HttpContext } from '@adonisjs/core/http'
import { NetworkSharing } from '#reports/network/network_sharing'
import SetNetworkSharing from '#actions/network/set_network_sharing'

/**
 * A member organisation's admin agrees to share its consolidated figures with a network it
 * belongs to (POST), or withdraws (DELETE); the page lists its networks (ADR 9).
 */
export default class NetworkSharingController {
  async show({ view, tenant }: HttpContext) {
    const { links } = await new NetworkSharing(tenant!, {}).build()
    return view.render('pages/network/sharing', {
      links,
      breadcrumbs: [{ label: 'Partage avec le réseau' }],
    })
  }

  async store({ params, response, session, tenant }: HttpContext) {
    const { networkName } = await SetNetworkSharing.handle(tenant!, {
      id: Number(params.id),
      agreed: true,
    })
    session.flash('success', `${networkName} lit désormais vos chiffres consolidés.`)
    return response.redirect().toRoute('network.sharing.show')
  }

  async destroy({ params, response, session, tenant }: HttpContext) {
    const { networkName } = await SetNetworkSharing.handle(tenant!, {
      id: Number(params.id),
      agreed: false,
    })
    session.flash('success', `${networkName} ne lit plus vos chiffres.`)
    return response.redirect().toRoute('network.sharing.show')
  }
}
