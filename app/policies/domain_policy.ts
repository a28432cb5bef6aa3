import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/core/user'
import { rolesAllow, type Permission } from '#policies/role_matrix'

/** A domain's policy: each of its abilities is one line of the role matrix. */
export abstract class DomainPolicy extends BasePolicy {
  protected allows(user: User, permission: Permission) {
    return user.isActive && rolesAllow(user.roles, permission)
  }
}
