import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { Dashboard } from '#reports/core/dashboard'

const BOARD_PORTAL = 'governance.portal'

export default class DashboardController {
  async show({ view, auth, response, tenant }: HttpContext) {
    const user = auth.user!
    // Board members land on their portal: key figures, meetings, their own mandate.
    const roles = user.actingRoles
    if (roles.length === 1 && roles[0] === 'board' && router.has(BOARD_PORTAL)) {
      return response.redirect().toRoute(BOARD_PORTAL)
    }
    // A regional association's network role reads the network pages only.
    if (roles.length === 1 && roles[0] === 'network') {
      return response.redirect().toRoute('network.index')
    }
    const data = await new Dashboard(tenant!, {}).build()
    return view.render('pages/core/dashboard', data)
  }
}
