import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import AccessToken from '#models/core/access_token'
import { recordEvent } from '#support/audit'
import { NotFoundError, RuleError } from '#support/domain_errors'
import { acrossTenants, actingAs, type Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/**
 * A person revokes one of their own access tokens, whichever of their organisations it reads
 * (ADR 9): its next call is refused (401). The row stays, revoked, for the account page's
 * history; the audit event goes to the token's organisation, in the same transaction. Anyone
 * else's token is not found.
 */
export default class RevokeAccessToken {
  static handle(tenant: Tenant, input: { id: number }, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const token = await acrossTenants('a person’s own access token', () =>
        AccessToken.query({ client: t })
          .where('id', input.id)
          .where('user_id', tenant.userId ?? 0)
          .forUpdate()
          .first()
      )
      if (!token) throw new NotFoundError('Ce jeton d’accès n’existe pas.')
      if (token.revokedAt) throw new RuleError('Ce jeton d’accès est déjà révoqué.')
      const { userId, label, requestId, ip } = tenant
      const owner = { organisationId: token.organisationId, userId, label, requestId, ip }
      return actingAs(owner, async () => {
        token.useTransaction(t)
        token.revokedAt = DateTime.now()
        await token.save()
        await recordEvent({
          domain: 'core',
          action: 'revoke',
          subjectType: 'access_tokens',
          subjectId: token.id,
          summary: `Jeton d’accès à l’API « ${token.name} » révoqué`,
          before: { revoked_at: null },
          after: { revoked_at: token.revokedAt.toISO() },
          trx: t,
        })
        return token
      })
    })
  }
}
