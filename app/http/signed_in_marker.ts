import type { HttpContext } from '@adonisjs/core/http'

/**
 * A browser-session cookie set at login and cleared at logout. When a request comes without a
 * logged-in session but with this cookie, the session ended on its own (idle timeout, the
 * session row purged): the login page then says so, rather than a bare "log in".
 */
const COOKIE = 'socle-signed-in'

export const LOGIN_REQUIRED = 'Connectez-vous pour accéder à cette page.'
export const SESSION_EXPIRED =
  'Votre session a expiré, veuillez vous reconnecter. Les modifications non enregistrées ont été perdues.'

export function rememberSignedIn(ctx: HttpContext) {
  // No max age: the cookie ends with the browser, like the session cookie.
  ctx.response.cookie(COOKIE, true, { maxAge: undefined, httpOnly: true, sameSite: 'lax' })
}

export function forgetSignedIn(ctx: HttpContext) {
  if (ctx.request.cookie(COOKIE) !== undefined) ctx.response.clearCookie(COOKIE)
}

/** Why an anonymous request is sent to the login page, in French. */
export function loginRequiredMessage(ctx: HttpContext) {
  return ctx.request.cookie(COOKIE) ? SESSION_EXPIRED : LOGIN_REQUIRED
}
