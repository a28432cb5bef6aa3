import hash from '@adonisjs/core/services/hash'
import type User from '#models/core/user'
import type { Tenant } from '#support/request_context'

/**
 * A user changes their own password, proving the current one; every session of theirs ends at
 * its next request (the caller re-stamps the one in use). False when the current password is
 * wrong: nothing changes.
 */
export default class ChangePassword {
  static async handle(
    _tenant: Tenant,
    user: User,
    input: { currentPassword: string; password: string }
  ) {
    if (!(await hash.verify(user.password, input.currentPassword))) return false
    user.password = input.password
    user.revokeSessions()
    await user.save()
    return true
  }
}
