import type { HttpContext } from '@adonisjs/core/http'
import SetUpInstance, { instanceIsEmpty } from '#actions/core/set_up_instance'
import { NotFoundError } from '#support/domain_errors'
import { setupValidator } from '#validators/core'

/**
 * The setup form of an empty instance (public, like the login page): it exists only while no
 * organisation does, and is protected by the token the server printed in its log at start.
 */
export default class SetupController {
  async show({ view }: HttpContext) {
    if (!(await instanceIsEmpty())) throw new NotFoundError()
    return view.render('pages/core/setup/show')
  }

  async store({ request, response, session }: HttpContext) {
    if (!(await instanceIsEmpty())) throw new NotFoundError()
    const input = await request.validateUsing(setupValidator)
    const { organisation, admin } = await SetUpInstance.handle({
      token: input.jeton,
      name: input.name,
      siren: input.siren,
      adminName: input.adminName,
      adminEmail: input.adminEmail,
      password: input.password,
    })
    session.flash(
      'success',
      `L’organisation ${organisation.name} est créée. Connectez-vous avec l’adresse ${admin.email} et le mot de passe choisi.`
    )
    return response.redirect().toRoute('login')
  }
}
