import limiter from '@adonisjs/limiter/services/main'
import { errors } from '@adonisjs/limiter'
import type { HttpContext } from '@adonisjs/core/http'
import { accountKey, frenchDelay } from '#http/login_throttle'

/**
 * "Mot de passe oublié ?" sends mail to whoever owns an address: it must not become a way to
 * flood a mailbox or to sweep addresses. Per address (known or not, so the limit tells nothing
 * about accounts): a few requests an hour; per IP: a few dozen a quarter of an hour.
 */
export const RESET_REQUESTS_PER_ACCOUNT = 3
export const RESET_REQUESTS_PER_IP = 20

const perAccount = () =>
  limiter.use({ requests: RESET_REQUESTS_PER_ACCOUNT, duration: '1 hour', blockDuration: '1 hour' })
const perIp = () =>
  limiter.use({ requests: RESET_REQUESTS_PER_IP, duration: '15 mins', blockDuration: '15 mins' })

/** Counts this request; returns the seconds to wait when it comes too early (0: it may proceed). */
export async function admitResetRequest(ctx: HttpContext, email: string) {
  const checks = [
    { store: perIp(), key: `reset-ip:${ctx.request.ip()}` },
    { store: perAccount(), key: `reset:${accountKey(email)}` },
  ]
  for (const { store, key } of checks) {
    try {
      await store.consume(key)
    } catch (error) {
      if (!(error instanceof errors.ThrottleException)) throw error
      return Math.max(1, error.response.availableIn)
    }
  }
  return 0
}

export function resetThrottledMessage(waitSeconds: number) {
  return `Trop de demandes de réinitialisation. Réessayez dans ${frenchDelay(waitSeconds)}.`
}
