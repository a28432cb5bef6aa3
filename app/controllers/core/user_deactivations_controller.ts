import type { HttpContext } from '@adonisjs/core/http'
import SetUserActive from '#actions/core/set_user_active'

/** Deactivating an account is its own resource: POST creates it, DELETE reactivates. */
export default class UserDeactivationsController {
  async store({ params, response, session, tenant }: HttpContext) {
    await SetUserActive.handle(tenant!, { id: Number(params.id), active: false })
    session.flash('success', 'Compte désactivé : ses sessions sont fermées.')
    return response.redirect().toRoute('users.index')
  }

  async destroy({ params, response, session, tenant }: HttpContext) {
    await SetUserActive.handle(tenant!, { id: Number(params.id), active: true })
    session.flash('success', 'Compte réactivé.')
    return response.redirect().toRoute('users.index')
  }
}
