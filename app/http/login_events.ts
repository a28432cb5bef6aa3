import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import { frenchDelay, type ThrottleScope } from '#http/login_throttle'

/**
 * Failed logins and lockouts in the audit journal (audit_events). Nobody is logged in yet, so
 * the request's IP, user agent and id are written explicitly. An event about an existing account
 * belongs to that account's organisation, so its admin sees it in the journal; an attempt on an
 * unknown address (or a lockout of a whole IP) belongs to no organisation: it stays out of every
 * organisation's journal (the journal is filtered by organisation, and NULL never matches) and
 * is read by the operators in the database.
 */
export interface LoginAccount {
  id: number
  organisationId: number
  isActive: boolean
}

const SCOPE_LABELS: Record<ThrottleScope, string> = {
  account: 'compte, navigateurs inconnus',
  device: 'compte et adresse IP, navigateur connu',
  ip: 'adresse IP',
}

/** The account an e-mail designates, in any organisation (login is not organisation-scoped). */
export async function findLoginAccount(email: string): Promise<LoginAccount | null> {
  const row = await db
    .from('users')
    .whereRaw('lower(email) = ?', [email.trim().toLowerCase()])
    .select('id', 'organisation_id', 'is_active')
    .first()
  return row ? { id: row.id, organisationId: row.organisation_id, isActive: row.is_active } : null
}

async function record(
  ctx: HttpContext,
  event: {
    action: 'login_failed' | 'login_locked'
    email: string
    account: LoginAccount | null
    summary: string
    details: Record<string, unknown>
    withoutOrganisation?: boolean
  }
) {
  const ip = ctx.request.ip()
  const userAgent = (ctx.request.header('user-agent') ?? '').slice(0, 500)
  const owned = event.account && !event.withoutOrganisation ? event.account : null
  await db.table('audit_events').insert({
    organisation_id: owned?.organisationId ?? null,
    user_id: null,
    actor: `anonyme (${ip})`.slice(0, 200),
    domain: 'core',
    action: event.action,
    subject_type: owned ? 'users' : 'login',
    subject_id: owned ? String(owned.id) : null,
    summary: event.summary.slice(0, 500),
    before: null,
    after: JSON.stringify({
      email: event.email,
      userId: owned?.id ?? null,
      ip,
      userAgent,
      ...event.details,
    }),
    request_id: ctx.request.id() ?? null,
    ip,
  })
}

export async function recordFailedLogin(
  ctx: HttpContext,
  email: string,
  account: LoginAccount | null
) {
  const reason = !account
    ? 'adresse inconnue'
    : account.isActive
      ? 'mot de passe incorrect'
      : 'compte désactivé'
  await record(ctx, {
    action: 'login_failed',
    email,
    account,
    summary: `Échec de connexion (${reason}) pour ${email} depuis ${ctx.request.ip()}`,
    details: { reason },
  })
}

export async function recordLockout(
  ctx: HttpContext,
  email: string,
  account: LoginAccount | null,
  lock: { waitSeconds: number; scope?: ThrottleScope }
) {
  const scope = lock.scope ?? 'account'
  await record(ctx, {
    action: 'login_locked',
    email,
    account,
    // A lockout of a whole IP concerns every account tried from it, not this one's organisation.
    withoutOrganisation: scope === 'ip',
    summary: `Connexions suspendues pendant ${frenchDelay(lock.waitSeconds)} (${SCOPE_LABELS[scope]}) après des échecs pour ${email} depuis ${ctx.request.ip()}`,
    details: { scope, retryAfterSeconds: lock.waitSeconds },
  })
}
