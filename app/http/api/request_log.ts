import type { HttpContext } from '@adonisjs/core/http'
import emitter from '@adonisjs/core/services/emitter'

/** One line of the request log per API call (and the `api:request` event carrying it). */
export interface ApiRequestEntry {
  tokenId: number | null
  userId: number | null
  organisationId: number | null
  route: string | null
  method: string
  path: string
  status: number
  durationMs: number
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'api:request': ApiRequestEntry
  }
}

/**
 * Logs an API call: which token, which user, for which organisation, which route, with which
 * answer. Refused calls are logged too (no token, revoked, throttled: tokenId is then the token
 * presented when it is known, else null). The same entry is emitted as `api:request`.
 */
export function logApiRequest(
  ctx: HttpContext,
  who: { tokenId: number | null; userId: number | null; organisationId: number | null },
  started: bigint
) {
  const entry: ApiRequestEntry = {
    ...who,
    route: ctx.route?.name ?? null,
    method: ctx.request.method(),
    path: ctx.request.url(),
    status: ctx.response.getStatus(),
    durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
  }
  ctx.logger.info(entry, 'api request')
  void emitter.emit('api:request', entry)
  return entry
}
