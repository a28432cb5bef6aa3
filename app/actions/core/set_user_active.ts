import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { RuleError } from '#support/domain_errors'
import User from '#models/core/user'

/**
 * Deactivates (its sessions end) or reactivates a user's account. Nobody deactivates their
 * own account. Setting the state it already has changes nothing.
 */
export default class SetUserActive {
  static handle(
    tenant: Tenant,
    input: { id: number; active: boolean },
    trx?: TransactionClientContract
  ) {
    if (!input.active && input.id === tenant.userId) {
      throw new RuleError('Vous ne pouvez pas désactiver votre propre compte.')
    }
    return withTransaction(trx, async (client) => {
      const user = await User.query({ client }).where('id', input.id).forUpdate().firstOrFail()
      if (user.isActive === input.active) return user
      user.isActive = input.active
      if (!input.active) user.revokeSessions()
      await user.save()
      return user
    })
  }
}
