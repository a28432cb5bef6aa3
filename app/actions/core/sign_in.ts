import { errors as authErrors } from '@adonisjs/auth'
import hash from '@adonisjs/core/services/hash'
import { DateTime } from 'luxon'
import User from '#models/core/user'
import Membership, { resolveMembership } from '#models/core/membership'
import { acrossTenants, actingAs, type Tenant } from '#support/request_context'

/**
 * The account an e-mail and password open, looked up across organisations (nobody is logged
 * in yet), or null when they open none. Whether it is active is the caller's question.
 */
export async function checkCredentials(email: string, password: string) {
  try {
    return await acrossTenants('login', () => User.verifyCredentials(email, password))
  } catch (error) {
    if (!(error instanceof authErrors.E_INVALID_CREDENTIALS)) throw error
    return null
  }
}

/**
 * Why an account that opened may still not sign in: it belongs to no active organisation any
 * more (its organisation was deactivated, its memberships removed; ADR 9). Null when it may.
 */
export async function organisationRefusal(user: User) {
  const resolved = resolveMembership(await Membership.choicesOf(user), null)
  return 'refusal' in resolved ? resolved.refusal : null
}

/** The tenant of a user who just signed in: their organisation, themself acting. */
export function signedInTenant(user: User, request: { requestId?: string; ip: string }): Tenant {
  return {
    organisationId: user.organisationId,
    userId: user.id,
    label: user.email,
    requestId: request.requestId,
    ip: request.ip,
  }
}

/**
 * Records a successful sign-in: the time of the login, and the password hash renewed when its
 * parameters are outdated. One row saved, as the user's organisation.
 */
export default class SignIn {
  static handle(tenant: Tenant, user: User, password: string) {
    if (hash.needsReHash(user.password)) user.password = password
    user.lastLoginAt = DateTime.now()
    return actingAs(tenant, () => user.save())
  }
}
