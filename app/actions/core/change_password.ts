import hash from '@adonisjs/core/services/hash'
import type User from '#models/core/user'
import { RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'

/**
 * A user changes their own password, proving the current one; every session of theirs ends at
 * its next request (the caller re-stamps the one in use), and a change an admin required is
 * done. False when the current password is wrong: nothing changes. The new password must differ
 * from the current one (a password an admin chose is replaced, not confirmed).
 */
export default class ChangePassword {
  static async handle(
    _tenant: Tenant,
    user: User,
    input: { currentPassword: string; password: string }
  ) {
    if (!(await hash.verify(user.password, input.currentPassword))) return false
    if (input.password === input.currentPassword) {
      throw new RuleError('Choisissez un nouveau mot de passe, différent de l’actuel.', {
        field: 'password',
      })
    }
    user.password = input.password
    user.mustChangePassword = false
    user.revokeSessions()
    await user.save()
    return true
  }
}
