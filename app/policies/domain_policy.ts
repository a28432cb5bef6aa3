import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/core/user'
import { isInstancePermission, rolesAllow, type Permission } from '#policies/role_matrix'

/**
 * Whether an active user may do something: with the roles of the organisation acted for (their
 * membership there, ADR 9), or, for the instance pages, as the instance administrator.
 */
export function userMay(user: User | null | undefined, permission: Permission) {
  if (!user?.isActive) return false
  if (isInstancePermission(permission)) return user.isInstanceAdmin
  return rolesAllow(user.actingRoles, permission)
}

/** A domain's policy: each of its abilities is one line of the role matrix. */
export abstract class DomainPolicy extends BasePolicy {
  protected allows(user: User, permission: Permission) {
    return userMay(user, permission)
  }
}
