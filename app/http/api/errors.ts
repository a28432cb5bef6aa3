import type { HttpContext } from '@adonisjs/core/http'
import { errors as authErrors } from '@adonisjs/auth'
import { errors as bouncerErrors } from '@adonisjs/bouncer'
import { errors as vineErrors } from '@vinejs/vine'
import { DomainError, translateDatabaseError } from '#support/domain_errors'

/** Every route of the JSON API lives under this prefix (start/routes/api.ts). */
export const API_PREFIX = '/api/'

export function isApiRequest(ctx: HttpContext) {
  return ctx.request.url().startsWith(API_PREFIX)
}

/** The one shape of an API refusal: `{ error, field? }` with a French message. */
export function sendApiError(
  ctx: HttpContext,
  status: number,
  message: string,
  extra: Record<string, unknown> = {}
) {
  ctx.response.header('Cache-Control', 'no-store')
  return ctx.response.status(status).send({ error: message, ...extra })
}

export const API_MESSAGES = {
  forbidden: 'Accès refusé : le rôle de ce jeton ne donne pas accès à ces données.',
  unauthorized:
    'Authentification requise : envoyez un jeton d’accès personnel dans l’en-tête « Authorization: Bearer <jeton> ».',
  serverError: 'Erreur interne : la requête n’a pas abouti. Indiquez son identifiant au support.',
} as const

const STATUS_FOR_KIND = { rule: 422, not_found: 404, conflict: 409 } as const

/**
 * The exception handler's answer to a request of the JSON API (docs/adr/0007-refusal-path.md):
 * always JSON, whatever the Accept header, never a page, a redirect or a flash. Domain errors
 * and the database's refusals keep their status (422, 404, 409), VineJS errors become 422 with
 * the first message and its field, the framework's known errors their French message.
 */
export function renderApiError(
  error: unknown,
  ctx: HttpContext,
  known: Record<string, { status: number; message: string }>
) {
  if (error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE) {
    return sendApiError(ctx, 403, API_MESSAGES.forbidden)
  }
  if (error instanceof authErrors.E_UNAUTHORIZED_ACCESS) {
    return sendApiError(ctx, 401, API_MESSAGES.unauthorized)
  }
  if (error instanceof vineErrors.E_VALIDATION_ERROR) {
    const messages = (error.messages ?? []) as Array<{ message: string; field: string }>
    return sendApiError(ctx, 422, messages[0]?.message ?? 'Paramètres invalides.', {
      field: messages[0]?.field,
      errors: messages.map((m) => ({ field: m.field, message: m.message })),
    })
  }
  const refusal = translateDatabaseError(error)
  if (refusal instanceof DomainError) {
    return sendApiError(ctx, STATUS_FOR_KIND[refusal.kind], refusal.message, {
      field: refusal.field,
    })
  }
  const code = (error as { code?: string })?.code
  const framework = code ? known[code] : undefined
  if (framework) return sendApiError(ctx, framework.status, framework.message)
  const status = Number((error as { status?: number })?.status)
  if (status >= 400 && status < 500) return sendApiError(ctx, status, 'Requête refusée.')
  return sendApiError(ctx, 500, API_MESSAGES.serverError, { request_id: ctx.request.id() })
}
