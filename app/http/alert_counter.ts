import logger from '@adonisjs/core/services/logger'
import { AlertCount } from '#reports/alerts/alert_list'
import { currentActor, type Actor } from '#support/request_context'

/** One count per request: the tenant object is the request's own. */
const counts = new WeakMap<Actor, Promise<number>>()

/**
 * The count read with the session's user for the request acting as `actor` (the tenant
 * middleware): the header then sends no query of its own.
 */
export function alertCountReadWith(actor: Actor, count: number) {
  counts.set(actor, Promise.resolve(count))
}

/**
 * The header's counter of the signed-in person's open alerts (an Edge global): read with the
 * session's user (alertCountReadWith), else one indexed query per request; zero outside a
 * request's tenant. A failing count shows zero rather than breaking the page (or the error page)
 * it sits on.
 */
export function alertCount(): Promise<number> {
  const actor = currentActor()
  if (!actor || actor.userId === null || !actor.roles) return Promise.resolve(0)
  let count = counts.get(actor)
  if (!count) {
    count = new AlertCount(actor, { userId: actor.userId, roles: actor.roles })
      .build()
      .catch((error) => {
        logger.error({ err: error }, 'alert counter failed')
        return 0
      })
    counts.set(actor, count)
  }
  return count
}
