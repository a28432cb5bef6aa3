import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import OneTimeLink from '#models/core/one_time_link'
import User from '#models/core/user'
import { recordEvent } from '#support/audit'
import { acrossTenants, actingAs } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/** What a welcome link is worth now: usable (with whom it greets), or why not. */
export type WelcomeLinkState =
  { state: 'usable'; fullName: string; email: string } | { state: 'unknown' | 'used' | 'expired' }

/** The link a token opens, looked up across organisations (nobody is logged in yet). */
async function findLink(token: string, trx?: TransactionClientContract) {
  const tokenHash = OneTimeLink.hashToken(token)
  if (!tokenHash) return null
  return acrossTenants('welcome link', () => {
    const query = OneTimeLink.query(trx ? { client: trx } : {})
      .where('token_hash', tokenHash)
      .where('purpose', 'welcome')
    if (trx) query.forUpdate()
    return query.first()
  })
}

function stateOf(link: OneTimeLink | null, now: DateTime) {
  if (!link) return 'unknown' as const
  if (link.usedAt) return 'used' as const
  if (link.isExpiredAt(now)) return 'expired' as const
  return 'usable' as const
}

export async function welcomeLinkState(
  token: string,
  now: DateTime = DateTime.now()
): Promise<WelcomeLinkState> {
  const link = await findLink(token)
  const state = stateOf(link, now)
  if (state !== 'usable') return { state }
  const user = await actingAs(
    { organisationId: link!.organisationId, userId: null, label: 'lien de bienvenue' },
    () => User.findOrFail(link!.userId)
  )
  return { state, fullName: user.fullName, email: user.email }
}

/**
 * Sets the first password of the link's user and spends the link, in one transaction (the
 * link's row is locked: two tabs posting at once use it once). A link that is unknown, used
 * or expired changes nothing.
 */
export default class AcceptWelcomeLink {
  /** Nobody is logged in: the tenant is the link's organisation, acting for its user. */
  static handle(
    input: { token: string; password: string; now?: DateTime },
    transaction?: TransactionClientContract
  ): Promise<WelcomeLinkState> {
    const { token, password, now = DateTime.now() } = input
    return withTransaction(transaction, async (trx) => {
      const link = await findLink(token, trx)
      const state = stateOf(link, now)
      if (state !== 'usable') return { state }
      const actor = {
        organisationId: link!.organisationId,
        userId: link!.userId,
        label: 'lien de bienvenue',
      }
      return actingAs(actor, async () => {
        const user = await User.query({ client: trx })
          .where('id', link!.userId)
          .forUpdate()
          .firstOrFail()
        link!.useTransaction(trx)
        link!.usedAt = now
        await link!.save()
        user.useTransaction(trx)
        user.password = password
        user.revokeSessions()
        await user.save()
        await recordEvent({
          domain: 'core',
          action: 'welcome',
          subjectType: 'users',
          subjectId: user.id,
          summary: `${user.fullName} a choisi son mot de passe (lien de bienvenue)`,
          trx,
        })
        return { state, fullName: user.fullName, email: user.email }
      })
    })
  }
}
