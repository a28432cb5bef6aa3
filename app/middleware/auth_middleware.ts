import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { sessionStillValid } from '#support/session_policy'

/**
 * Logged-in users only. A session also ends when the user was deactivated, changed their
 * password elsewhere, or outlived the absolute timeout. Pages behind login are never cached:
 * they hold personal or financial data.
 */
export default class AuthMiddleware {
  redirectTo = '/login'

  async handle(ctx: HttpContext, next: NextFn) {
    await ctx.auth.authenticateUsing(['web'], { loginRoute: this.redirectTo })
    const verdict = sessionStillValid(ctx)
    if (verdict !== 'valid') {
      await ctx.auth.use('web').logout()
      ctx.session.regenerate()
      ctx.session.flash('error', verdict)
      return ctx.response.redirect(this.redirectTo)
    }
    ctx.response.header('Cache-Control', 'no-store')
    return next()
  }
}
