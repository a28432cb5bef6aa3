import type User from '#models/core/user'
import { DomainPolicy } from '#policies/domain_policy'
import type { Permission } from '#policies/role_matrix'

/**
 * Route-level authorisation: the `permit` middleware asks this policy about the permission a
 * route declares. Domain policies add record-level rules on top.
 */
export default class PermissionPolicy extends DomainPolicy {
  perform(user: User, permission: Permission) {
    return this.allows(user, permission)
  }
}
