import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { errors as authErrors } from '@adonisjs/auth'
import { sessionStillValid } from '#http/session_policy'
import { forgetSignedIn, loginRequiredMessage } from '#http/signed_in_marker'

/** The routes a user who must replace their password may reach. */
const PASSWORD_CHANGE_ROUTES = new Set(['password.edit', 'password.update', 'logout'])

/**
 * Logged-in users only. A session also ends when the user was deactivated, changed their
 * password elsewhere, or outlived the absolute timeout. Pages behind login are never cached:
 * they hold personal or financial data. Anonymous visitors go to the login page with a French
 * message (the framework's own is English): "session expired" when this browser was logged in.
 * A user whose password an admin set is sent to the password page until they choose their own.
 */
export default class AuthMiddleware {
  get redirectTo() {
    return urlFor('login')
  }

  async handle(ctx: HttpContext, next: NextFn) {
    try {
      await ctx.auth.authenticateUsing(['web'], { loginRoute: this.redirectTo })
    } catch (error) {
      if (!(error instanceof authErrors.E_UNAUTHORIZED_ACCESS)) throw error
      const message = loginRequiredMessage(ctx)
      forgetSignedIn(ctx)
      throw new authErrors.E_UNAUTHORIZED_ACCESS(message, {
        guardDriverName: error.guardDriverName,
        redirectTo: this.redirectTo,
      })
    }
    const verdict = sessionStillValid(ctx)
    if (verdict !== 'valid') {
      await ctx.auth.use('web').logout()
      ctx.session.regenerate()
      forgetSignedIn(ctx)
      ctx.session.flash('error', verdict)
      return ctx.response.redirect(this.redirectTo)
    }
    ctx.response.header('Cache-Control', 'no-store')
    // A password an admin chose is replaced before anything else: every page but the password
    // page (and logging out) leads there.
    if (ctx.auth.user!.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(ctx.route?.name ?? '')) {
      return ctx.response.redirect().toRoute('password.edit')
    }
    return next()
  }
}
