import type { HttpContext } from '@adonisjs/core/http'
import RequestPasswordReset, { RESET_REQUESTED } from '#actions/core/request_password_reset'
import { acceptLinkPage, RESET_PAGE, showLinkPage } from '#http/link_pages'
import { admitResetRequest, resetThrottledMessage } from '#http/password_reset_throttle'
import { forgottenPasswordValidator } from '#validators/people'

/**
 * "Mot de passe oublié ?" (public, under the guest rules): the request form, whose answer is
 * the same whether the address has an account or not, and the page the e-mailed link opens.
 */
export default class PasswordResetsController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/forgotten_password')
  }

  async store(ctx: HttpContext) {
    const { request, response, session } = ctx
    const { email } = await request.validateUsing(forgottenPasswordValidator)
    const waitSeconds = await admitResetRequest(ctx, email)
    if (waitSeconds > 0) {
      // 303 back to the form with the message, as the login's throttling does.
      session.flashExcept(['_csrf'])
      session.flash('error', resetThrottledMessage(waitSeconds))
      response.header('Retry-After', String(waitSeconds))
      return response.redirect().status(303).back()
    }
    await RequestPasswordReset.handle({ email, requestId: request.id(), ip: request.ip() })
    session.flash('success', RESET_REQUESTED)
    return response.redirect().toRoute('password_resets.create')
  }

  async show(ctx: HttpContext) {
    return showLinkPage(ctx, RESET_PAGE)
  }

  async update(ctx: HttpContext) {
    return acceptLinkPage(ctx, RESET_PAGE)
  }
}
