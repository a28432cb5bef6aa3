import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { errors as limiterErrors } from '@adonisjs/limiter'
import {
  ApiAccessToken,
  ApiTokenUserProvider,
  type TokenRefusal,
} from '#models/core/access_token_provider'
import { API_MESSAGES, sendApiError } from '#http/api/errors'
import { apiLimiter, apiLimiterKey } from '#http/api/rate_limit'
import { logApiRequest } from '#http/api/request_log'
import { tokenRoles } from '#http/api/token_scope'
import { actingAs } from '#support/request_context'
import type { Role } from '#vocabulary/core'

const REFUSALS: Record<TokenRefusal, string> = {
  missing: API_MESSAGES.unauthorized,
  unknown: 'Jeton d’accès inconnu ou invalide.',
  revoked: 'Ce jeton d’accès a été révoqué.',
  expired:
    'Ce jeton d’accès a expiré : créez-en un autre sur la page « Jetons d’accès » de votre compte.',
  owner:
    'Le titulaire de ce jeton n’a plus accès à cette organisation (compte désactivé ou rôle retiré).',
}

function bearerOf(ctx: HttpContext) {
  const [type, value] = ctx.request.header('authorization', '')!.split(' ')
  return type?.toLowerCase() === 'bearer' && value ? value : undefined
}

/**
 * Authenticates a call of the JSON API with a personal access token, and only with one: a
 * session cookie sent along is ignored (the `api` guard never reads it). Then, in this order:
 * - the token's owner must still hold a role in the token's organisation: the call gets the
 *   roles held now AND when the token was created (`permit` checks them next);
 * - the tenant is the token's organisation (as the tenant middleware does for a session);
 * - the token's calls per minute are limited (429 beyond, with Retry-After);
 * - every call, refused or not, is one line of the request log with the token, the user, the
 *   organisation, the route and the status; the token's last_used_at is set by the guard.
 * Refusals are JSON with a French message: 401 for a missing, unknown, revoked or expired token.
 */
export default class ApiTokenMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const started = process.hrtime.bigint()
    const who = {
      tokenId: null as number | null,
      userId: null as number | null,
      organisationId: null as number | null,
    }
    try {
      if (!(await ctx.auth.checkUsing(['api']))) {
        const refusal = await new ApiTokenUserProvider().refusalOf(bearerOf(ctx))
        who.tokenId = refusal.tokenId
        return this.#unauthorized(ctx, refusal.reason)
      }
      const user = ctx.auth.use('api').getUserOrFail()
      const token = user.currentAccessToken
      if (!(token instanceof ApiAccessToken)) return this.#unauthorized(ctx, 'unknown')
      Object.assign(who, {
        tokenId: Number(token.identifier),
        userId: user.id,
        organisationId: token.organisationId,
      })
      const roles = await tokenRoles(user, token)
      if (roles.length === 0) return this.#unauthorized(ctx, 'owner')
      // What the role matrix reads for this request (never saved): the token's scope.
      user.acting = { organisationId: token.organisationId, roles }

      ctx.tenant = {
        organisationId: token.organisationId,
        userId: user.id,
        label: `${user.email} (jeton ${token.identifier})`,
        requestId: ctx.request.id(),
        ip: ctx.request.ip(),
        roles: roles as Role[],
      }
      if (!(await this.#withinRate(ctx, Number(token.identifier)))) return
      ctx.response.header('Cache-Control', 'no-store')
      return await actingAs(ctx.tenant, () => next())
    } finally {
      logApiRequest(ctx, who, started)
    }
  }

  #unauthorized(ctx: HttpContext, reason: TokenRefusal) {
    ctx.response.header('WWW-Authenticate', 'Bearer realm="Socle API"')
    return sendApiError(ctx, 401, REFUSALS[reason])
  }

  async #withinRate(ctx: HttpContext, tokenId: number) {
    const limiter = apiLimiter()
    try {
      const granted = await limiter.consume(apiLimiterKey(tokenId))
      ctx.response.header('X-RateLimit-Limit', granted.limit)
      ctx.response.header('X-RateLimit-Remaining', granted.remaining)
      return true
    } catch (error) {
      if (!(error instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw error
      const wait = Math.max(1, error.response.availableIn)
      ctx.response.header('Retry-After', wait)
      ctx.response.header('X-RateLimit-Limit', error.response.limit)
      ctx.response.header('X-RateLimit-Remaining', 0)
      sendApiError(
        ctx,
        429,
        `Trop d’appels avec ce jeton : ${error.response.limit} par minute au plus. Réessayez dans ${wait} s.`
      )
      return false
    }
  }
}
