import limiter from '@adonisjs/limiter/services/main'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Login throttling that an attacker cannot turn into a lockout of the real user:
 * - per account and IP: a few failures block that pair only;
 * - per IP: many failures across accounts block the guessing machine;
 * - per account from any IP: a looser cap, which does not apply to a browser that already
 *   logged into that account (a signed "known device" cookie), so the owner still gets in.
 */
const perAccountAndIp = () =>
  limiter.use({ requests: 5, duration: '15 mins', blockDuration: '15 mins' })
const perIp = () => limiter.use({ requests: 50, duration: '15 mins', blockDuration: '30 mins' })
const perAccount = () => limiter.use({ requests: 30, duration: '1 hour', blockDuration: '1 hour' })

const DEVICE_COOKIE = 'socle-device'

function keys(ctx: HttpContext, email: string) {
  const account = email.trim().toLowerCase()
  const ip = ctx.request.ip()
  return {
    pair: `login:${account}:${ip}`,
    ip: `login-ip:${ip}`,
    account: `login-account:${account}`,
  }
}

function knownDevice(ctx: HttpContext, email: string) {
  const known: string[] = ctx.request.encryptedCookie(DEVICE_COOKIE) ?? []
  return known.includes(email.trim().toLowerCase())
}

/** Seconds to wait when blocked, or 0. */
export async function loginBlockedFor(ctx: HttpContext, email: string) {
  const key = keys(ctx, email)
  const checks: Array<[ReturnType<typeof perIp>, string]> = [
    [perAccountAndIp(), key.pair],
    [perIp(), key.ip],
  ]
  if (!knownDevice(ctx, email)) checks.push([perAccount(), key.account])
  let wait = 0
  for (const [store, name] of checks) {
    if (await store.isBlocked(name)) wait = Math.max(wait, await store.availableIn(name))
  }
  return wait
}

export async function recordLoginFailure(ctx: HttpContext, email: string) {
  const key = keys(ctx, email)
  await perAccountAndIp().increment(key.pair)
  await perIp().increment(key.ip)
  if (!knownDevice(ctx, email)) await perAccount().increment(key.account)
}

export async function recordLoginSuccess(ctx: HttpContext, email: string) {
  const key = keys(ctx, email)
  await perAccountAndIp().delete(key.pair)
  const account = email.trim().toLowerCase()
  const known: string[] = ctx.request.encryptedCookie(DEVICE_COOKIE) ?? []
  ctx.response.encryptedCookie(DEVICE_COOKIE, [...new Set([account, ...known])].slice(0, 5), {
    maxAge: '180 days',
    httpOnly: true,
    sameSite: 'lax',
  })
}
