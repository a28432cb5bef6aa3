import type { HttpContext } from '@adonisjs/core/http'
import Organisation from '#models/core/organisation'

export default class DashboardController {
  async show({ view, auth }: HttpContext) {
    const organisation = await Organisation.findOrFail(auth.user!.organisationId)
    return view.render('pages/core/dashboard', { organisation })
  }
}
