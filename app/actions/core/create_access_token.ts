import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { AccessToken as AuthAccessToken } from '@adonisjs/auth/access_tokens'
import AccessToken from '#models/core/access_token'
import { ApiAccessToken, SECRET_LENGTH } from '#models/core/access_token_provider'
import { recordEvent } from '#support/audit'
import { RuleError } from '#support/domain_errors'
import { requireTenant, type Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { ACCESS_TOKEN_LIFETIMES, type AccessTokenLifetime } from '#vocabulary/api'
import { labelOf } from '#vocabulary/labels'

export interface AccessTokenInput {
  name: string
  expiration: AccessTokenLifetime
  /** The roles the acting user holds in the tenant's organisation: the token's ceiling. */
  roles: string[]
}

/**
 * A user creates a personal access token for the JSON API, for the organisation they act for
 * and within the roles they hold there. Returns the token with its value, which is shown once
 * and never stored (only its SHA-256 is). Audited in the same transaction.
 */
export default class CreateAccessToken {
  static handle(tenant: Tenant, input: AccessTokenInput, trx?: TransactionClientContract) {
    const userId = tenant.userId
    if (userId === null) throw new RuleError('Un jeton d’accès appartient à un utilisateur.')
    if (input.roles.length === 0) {
      throw new RuleError('Votre compte n’a aucun rôle dans cette organisation.')
    }
    const expiresAt =
      input.expiration === 'none' ? null : DateTime.now().plus({ days: Number(input.expiration) })
    return withTransaction(trx, async (t) => {
      requireTenant('a new API token')
      const seed = AuthAccessToken.seed(SECRET_LENGTH)
      const row = await AccessToken.create(
        {
          organisationId: tenant.organisationId,
          userId,
          name: input.name,
          hash: seed.hash,
          roles: [...input.roles],
          expiresAt,
        },
        { client: t }
      )
      const issued = { row, token: new ApiAccessToken(row, { secret: seed.secret }) }
      await recordEvent({
        domain: 'core',
        action: 'create',
        subjectType: 'access_tokens',
        subjectId: issued.row.id,
        summary: `Jeton d’accès à l’API « ${input.name} » créé (${labelOf(ACCESS_TOKEN_LIFETIMES, input.expiration)})`,
        after: { name: input.name, roles: input.roles, expires_at: expiresAt?.toISO() ?? null },
        trx: t,
      })
      return issued
    })
  }
}
