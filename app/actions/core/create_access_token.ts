import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { AccessToken as AuthAccessToken } from '@adonisjs/auth/access_tokens'
import AccessToken from '#models/core/access_token'
import { ApiAccessToken, SECRET_LENGTH } from '#models/core/access_token_provider'
import Membership from '#models/core/membership'
import { recordEvent } from '#support/audit'
import { RuleError } from '#support/domain_errors'
import { actingAs, type Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { ACCESS_TOKEN_LIFETIMES, type AccessTokenLifetime } from '#vocabulary/api'
import { labelOf } from '#vocabulary/labels'

export interface AccessTokenInput {
  name: string
  expiration: AccessTokenLifetime
  /** The organisation the token reads: one the person may act for (the acting one by default). */
  organisationId?: number
}

/**
 * A person creates a personal access token for the JSON API, for one organisation they may act
 * for now (their home one or another they are a member of, ADR 9), within the roles they hold
 * there, which are the token's ceiling. The token and its audit event belong to that
 * organisation. Returns the token with its value, which is shown once and never stored (only its
 * SHA-256 is).
 */
export default class CreateAccessToken {
  static async handle(tenant: Tenant, input: AccessTokenInput, trx?: TransactionClientContract) {
    const userId = tenant.userId
    if (userId === null) throw new RuleError('Un jeton d’accès appartient à un utilisateur.')
    const organisationId = input.organisationId ?? tenant.organisationId
    const membership = (
      await Membership.choicesOf({ id: userId, organisationId: tenant.organisationId })
    ).find((choice) => choice.organisationId === organisationId && choice.usable)
    if (!membership) {
      throw new RuleError(
        'Vous ne pouvez créer un jeton que pour une organisation dont vous êtes membre actif.',
        { field: 'organisationId' }
      )
    }
    if (membership.roles.length === 0) {
      throw new RuleError('Votre compte n’a aucun rôle dans cette organisation.', {
        field: 'organisationId',
      })
    }
    const roles = [...membership.roles]
    const expiresAt =
      input.expiration === 'none' ? null : DateTime.now().plus({ days: Number(input.expiration) })
    // The token's organisation is the tenant of its row and of its audit event.
    const owner: Tenant = { ...tenant, organisationId, roles: membership.roles }
    return actingAs(owner, () =>
      withTransaction(trx, async (t) => {
        const seed = AuthAccessToken.seed(SECRET_LENGTH)
        const row = await AccessToken.create(
          { organisationId, userId, name: input.name, hash: seed.hash, roles, expiresAt },
          { client: t }
        )
        await recordEvent({
          domain: 'core',
          action: 'create',
          subjectType: 'access_tokens',
          subjectId: row.id,
          summary: `Jeton d’accès à l’API « ${input.name} » créé pour ${membership.organisationName} (${labelOf(ACCESS_TOKEN_LIFETIMES, input.expiration)})`,
          after: { name: input.name, roles, expires_at: expiresAt?.toISO() ?? null },
          trx: t,
        })
        return { row, token: new ApiAccessToken(row, { secret: seed.secret }) }
      })
    )
  }
}
