import limiter from '@adonisjs/limiter/services/main'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Login throttling that an attacker cannot turn into a lockout of the real user:
 * - per account, from browsers that never logged into it: a progressive backoff. The first
 *   FREE_FAILURES attempts in a row are free, then each further attempt must wait 1 s, 2 s,
 *   4 s... (capped at 15 minutes) after the previous one. Counted atomically before the password
 *   is checked, so parallel guesses cannot slip through the same gap;
 * - per account and IP, for a browser that already logged into that account (a signed "known
 *   device" cookie): its own allowance, untouched by the attacker's failures;
 * - per IP: many failures across accounts block the guessing machine.
 */
export const FREE_FAILURES = 5
export const MAX_BACKOFF_SECONDS = 15 * 60
/** A backoff quiet for this long starts again from zero. */
const FORGET_AFTER_HOURS = 24

const perKnownDevice = () =>
  limiter.use({ requests: 5, duration: '15 mins', blockDuration: '15 mins' })
const perIp = () => limiter.use({ requests: 50, duration: '15 mins', blockDuration: '30 mins' })

const DEVICE_COOKIE = 'socle-device'

/** The clock of the backoff (tests backdate the stored failures instead of waiting). */
export const loginClock = { now: () => new Date() }

export type ThrottleScope = 'account' | 'device' | 'ip'

export interface LoginVerdict {
  /** Seconds to wait before the next attempt; 0 when the attempt may proceed. */
  waitSeconds: number
  scope?: ThrottleScope
}

export function accountKey(email: string) {
  return email.trim().toLowerCase()
}

function keys(ctx: HttpContext, email: string) {
  const account = accountKey(email)
  const ip = ctx.request.ip()
  return { pair: `login:${account}:${ip}`, ip: `login-ip:${ip}` }
}

export function isKnownDevice(ctx: HttpContext, email: string) {
  const known: string[] = ctx.request.encryptedCookie(DEVICE_COOKIE) ?? []
  return Array.isArray(known) && known.includes(accountKey(email))
}

/** Seconds an attempt must wait after `failures` failures in a row (0 below the free ones). */
export function backoffSeconds(failures: number) {
  if (failures < FREE_FAILURES) return 0
  return Math.min(2 ** (failures - FREE_FAILURES), MAX_BACKOFF_SECONDS)
}

/** "4 secondes", "1 minute", "15 minutes": when the user may try again, in French. */
export function frenchDelay(seconds: number) {
  const whole = Math.max(1, Math.ceil(seconds))
  if (whole < 60) return whole === 1 ? '1 seconde' : `${whole} secondes`
  const minutes = Math.ceil(whole / 60)
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}

export function throttledMessage(waitSeconds: number) {
  return `Trop de tentatives de connexion. Réessayez dans ${frenchDelay(waitSeconds)}.`
}

async function limiterWait(store: ReturnType<typeof perIp>, key: string) {
  return (await store.isBlocked(key)) ? Math.max(1, await store.availableIn(key)) : 0
}

/**
 * Claims one attempt on the account's backoff: counted as a failure until the password proves
 * otherwise (recordLoginSuccess forgets it). Returns the wait when the attempt comes too early.
 */
async function claimAccountAttempt(account: string, now: Date) {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_HOURS * 3600 * 1000)
  const claimed = await db.rawQuery(
    `INSERT INTO login_backoffs AS b (account, failures, last_failed_at) VALUES (?, 1, ?)
     ON CONFLICT (account) DO UPDATE SET
       failures = CASE WHEN b.last_failed_at < ? THEN 1 ELSE b.failures + 1 END,
       last_failed_at = EXCLUDED.last_failed_at
     WHERE b.last_failed_at < ?
        OR b.failures < ?
        OR b.last_failed_at + least(power(2, least(b.failures - ?, 30)), ?) * interval '1 second' <= ?
     RETURNING failures`,
    [
      account,
      now,
      forgetBefore,
      forgetBefore,
      FREE_FAILURES,
      FREE_FAILURES,
      MAX_BACKOFF_SECONDS,
      now,
    ]
  )
  if (claimed.rows.length > 0) return { failures: Number(claimed.rows[0].failures), wait: 0 }
  const row = await db.from('login_backoffs').where('account', account).first()
  if (!row) return { failures: 0, wait: 0 }
  const failures = Number(row.failures)
  const readyAt = new Date(row.last_failed_at).getTime() + backoffSeconds(failures) * 1000
  return { failures, wait: Math.max(1, Math.ceil((readyAt - now.getTime()) / 1000)) }
}

/**
 * May this login attempt proceed? Checks the IP and known-device allowances, then claims the
 * attempt on the account's backoff (unknown browsers only).
 */
export async function admitLoginAttempt(ctx: HttpContext, email: string): Promise<LoginVerdict> {
  const key = keys(ctx, email)
  const ipWait = await limiterWait(perIp(), key.ip)
  if (ipWait > 0) return { waitSeconds: ipWait, scope: 'ip' }
  if (isKnownDevice(ctx, email)) {
    const wait = await limiterWait(perKnownDevice(), key.pair)
    return wait > 0 ? { waitSeconds: wait, scope: 'device' } : { waitSeconds: 0 }
  }
  await purgeForgottenBackoffs()
  const { wait } = await claimAccountAttempt(accountKey(email), loginClock.now())
  return wait > 0 ? { waitSeconds: wait, scope: 'account' } : { waitSeconds: 0 }
}

/**
 * Counts a failed attempt (the account's backoff already counted it when it was admitted).
 * Returns the lockout this failure starts, if any: the wait the next attempt will face.
 */
export async function recordLoginFailure(ctx: HttpContext, email: string): Promise<LoginVerdict> {
  const key = keys(ctx, email)
  const byIp = await perIp().increment(key.ip)
  let verdict: LoginVerdict = { waitSeconds: 0 }
  if (isKnownDevice(ctx, email)) {
    const byDevice = await perKnownDevice().increment(key.pair)
    if (byDevice.consumed === byDevice.limit) {
      verdict = { waitSeconds: Math.max(1, byDevice.availableIn), scope: 'device' }
    }
  } else {
    const row = await db.from('login_backoffs').where('account', accountKey(email)).first()
    const wait = row ? backoffSeconds(Number(row.failures)) : 0
    if (wait > 0) verdict = { waitSeconds: wait, scope: 'account' }
  }
  if (byIp.consumed === byIp.limit && Math.max(1, byIp.availableIn) > verdict.waitSeconds) {
    verdict = { waitSeconds: Math.max(1, byIp.availableIn), scope: 'ip' }
  }
  return verdict
}

export async function recordLoginSuccess(ctx: HttpContext, email: string) {
  const key = keys(ctx, email)
  const account = accountKey(email)
  if (isKnownDevice(ctx, email)) {
    // The owner's known browser does not reset the backoff other browsers earned.
    await perKnownDevice().delete(key.pair)
  } else {
    await db.from('login_backoffs').where('account', account).delete()
  }
  const known: string[] = ctx.request.encryptedCookie(DEVICE_COOKIE) ?? []
  const previous = Array.isArray(known) ? known : []
  ctx.response.encryptedCookie(DEVICE_COOKIE, [...new Set([account, ...previous])].slice(0, 5), {
    maxAge: '180 days',
    httpOnly: true,
    sameSite: 'lax',
  })
}

/** Backoffs quiet for a day are forgotten: keeps the table to the accounts under attack. */
async function purgeForgottenBackoffs() {
  const before = new Date(loginClock.now().getTime() - FORGET_AFTER_HOURS * 3600 * 1000)
  await db.from('login_backoffs').where('last_failed_at', '<', before).delete()
}
