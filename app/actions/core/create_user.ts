import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { RuleError } from '#support/domain_errors'
import User from '#models/core/user'
import type { Role } from '#vocabulary/core'

export interface UserInput {
  fullName: string
  email: string
  roles: Role[]
  password?: string
}

/**
 * Creates a user of the acting organisation with a first password chosen by the admin, which
 * the user must replace at their first login (to create a user without one, invite them).
 */
export default class CreateUser {
  static handle(_tenant: Tenant, input: UserInput, trx?: TransactionClientContract) {
    const password = input.password
    if (!password) {
      throw new RuleError('Un mot de passe initial est obligatoire (12 caractères au moins).', {
        field: 'password',
      })
    }
    return withTransaction(trx, (client) =>
      User.create(
        {
          fullName: input.fullName,
          email: input.email.toLowerCase(),
          roles: input.roles,
          password,
          mustChangePassword: true,
        },
        { client }
      )
    )
  }
}
