import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { assertVersion } from '#support/optimistic_lock'
import User from '#models/core/user'
import type { UserInput } from '#actions/core/create_user'

export interface UserUpdate extends UserInput {
  version?: number
}

/**
 * Updates a user (row locked, version checked). A new password or a change of roles ends the
 * user's sessions at their next request; a password set by the admin must be replaced by the
 * user at their next login.
 */
export default class UpdateUser {
  static handle(_tenant: Tenant, id: number, input: UserUpdate, trx?: TransactionClientContract) {
    return withTransaction(trx, async (client) => {
      const user = await User.query({ client }).where('id', id).forUpdate().firstOrFail()
      assertVersion(user, input.version)
      const rolesChanged = [...user.roles].sort().join() !== [...input.roles].sort().join()
      user.merge({
        fullName: input.fullName,
        email: input.email.toLowerCase(),
        roles: input.roles,
      })
      if (input.password) {
        user.password = input.password
        user.mustChangePassword = true
      }
      if (input.password || rolesChanged) user.revokeSessions()
      await user.save()
      return user
    })
  }
}
