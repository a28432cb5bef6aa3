import type { HttpContext } from '@adonisjs/core/http'
import { passwordChangeValidator } from '#validators/core'
import { stampSession } from '#http/session_policy'
import ChangePassword from '#actions/core/change_password'

export default class PasswordController {
  async edit({ view, auth }: HttpContext) {
    return view.render('pages/account/password', {
      // A password an admin chose: the auth middleware keeps the user here until it is replaced.
      forced: auth.user!.mustChangePassword,
      breadcrumbs: [{ label: 'Mon mot de passe' }],
    })
  }

  async update(ctx: HttpContext) {
    const { request, response, session, auth, tenant } = ctx
    const payload = await request.validateUsing(passwordChangeValidator)
    const user = auth.user!
    if (!(await ChangePassword.handle(tenant!, user, payload))) {
      session.flash('error', 'Le mot de passe actuel est incorrect.')
      return response.redirect().back()
    }
    // This session stays open; every other one ends at its next request.
    stampSession(ctx, user)
    session.flash('success', 'Mot de passe modifié. Vos autres sessions ont été fermées.')
    return response.redirect().toRoute('home')
  }
}
