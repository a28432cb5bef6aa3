import { SessionLucidUserProvider } from '@adonisjs/auth/session'
import type User from '#models/core/user'
import {
  membershipChoices,
  type MembershipChoice,
  type MembershipRow,
} from '#models/core/membership'
import { openAlertCount } from '#reports/alerts/alert_list'
import { ROLES } from '#vocabulary/core'
import { preparedRows } from '#support/prepared_query'

/** The header's counter of each usable membership, with the membership's known roles. */
const OPEN_ALERTS = openAlertCount({
  org: 'm.organisation_id',
  roles: "ARRAY(SELECT r FROM unnest(m.roles) r WHERE r = ANY(string_to_array($1, ',')))",
  user: 'u.id',
})

/** The memberships read with the request's user: the user object is the request's own. */
const readWith = new WeakMap<User, MembershipChoice[]>()

/**
 * The memberships read together with `user` by the session guard in this request (one query for
 * both, see SessionUserProvider); undefined for a user loaded any other way.
 */
export function membershipsReadWith(user: User): MembershipChoice[] | undefined {
  return readWith.get(user)
}

/**
 * The session guard's user lookup: the user row and every membership of the person, with its
 * organisation (what the tenant middleware needs to choose the organisation the request acts
 * for) and the header's alert counter there, in one query instead of three (ADR 12). Read at
 * every request, nothing kept between requests: a deactivated user, a revoked membership, a
 * deactivated organisation, changed roles or alerts take effect at the next request. A lookup
 * across organisations by design, filtered by the person, as Membership.choicesOf.
 */
export class SessionUserProvider extends SessionLucidUserProvider<typeof User> {
  async findById(identifier: string | number | bigint) {
    const id = Number(identifier)
    if (!Number.isSafeInteger(id)) return null
    const rows = await preparedRows<Record<string, unknown> & { memberships__: MembershipRow[] }>(
      `SELECT u.*, coalesce((
          SELECT json_agg(json_build_object(
                   'organisation_id', m.organisation_id, 'name', o.name, 'roles', m.roles,
                   'is_active', m.is_active, 'organisation_active', o.is_active,
                   'address', o.address, 'logo_sha256', l.sha256,
                   'open_alerts', CASE WHEN m.is_active AND o.is_active THEN (${OPEN_ALERTS}) END)
                 ORDER BY (m.organisation_id = u.organisation_id) DESC, o.name, o.id)
            FROM memberships m
            JOIN organisations o ON o.id = m.organisation_id
            LEFT JOIN organisation_logos l ON l.organisation_id = o.id
           WHERE m.user_id = u.id), '[]'::json) AS memberships__
         FROM users u WHERE u.id = $2`,
      [ROLES.join(','), id]
    )
    if (rows.length === 0) return null
    const { memberships__: memberships, ...columns } = rows[0]
    const model = await this.getModel()
    const user = model.$createFromAdapterResult(columns)!
    readWith.set(user, membershipChoices(memberships, user))
    return this.createUserForGuard(user)
  }
}
