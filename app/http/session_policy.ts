import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/core/user'
import env from '#start/env'
import string from '@adonisjs/core/helpers/string'

const ABSOLUTE_MAX_AGE_MS = string.milliseconds.parse(env.get('SESSION_MAX_AGE') ?? '12h')

/** Stored in the session at login, compared at every request. */
export function stampSession(ctx: HttpContext, user: User) {
  ctx.session.put('auth_session_version', user.sessionVersion)
  ctx.session.put('auth_logged_in_at', Date.now())
}

export function sessionStillValid(ctx: HttpContext): 'valid' | string {
  const user = ctx.auth.user!
  if (!user.isActive) return 'Votre compte a été désactivé.'
  // No organisation left to act for (tenant middleware): deactivated, or removed everywhere.
  if (ctx.organisationRefusal) return ctx.organisationRefusal
  if (ctx.session.get('auth_session_version') !== user.sessionVersion) {
    return 'Votre session a pris fin : le mot de passe ou les droits du compte ont changé.'
  }
  const loggedInAt = Number(ctx.session.get('auth_logged_in_at') ?? 0)
  if (Date.now() - loggedInAt > ABSOLUTE_MAX_AGE_MS) {
    return 'Votre session a expiré, veuillez vous reconnecter.'
  }
  return 'valid'
}
