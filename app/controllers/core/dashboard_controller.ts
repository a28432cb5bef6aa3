import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import Organisation from '#models/core/organisation'

const BOARD_PORTAL = '/gouvernance/portail'

export default class DashboardController {
  async show({ view, auth, response }: HttpContext) {
    const user = auth.user!
    // Board members land on their portal: key figures, meetings, their own mandate.
    if (
      user.roles.length === 1 &&
      user.roles[0] === 'board' &&
      router.match(BOARD_PORTAL, 'GET', false)
    ) {
      return response.redirect(BOARD_PORTAL)
    }
    const organisation = await Organisation.findOrFail(user.organisationId)
    return view.render('pages/core/dashboard', { organisation })
  }
}
