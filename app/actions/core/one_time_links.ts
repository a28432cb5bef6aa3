import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import OneTimeLink, { LINK_LIFETIME_HOURS, type OneTimeLinkState } from '#models/core/one_time_link'
import User from '#models/core/user'
import { recordEvent } from '#support/audit'
import { acrossTenants, actingAs } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { OneTimeLinkPurpose } from '#vocabulary/core'

/**
 * Single-use links that let a person choose a password without being logged in: welcome (an
 * organisation's first admin), invitation (a person an admin invited), reset (a forgotten
 * password). One flow for all three: issue a link (the user's previous live links of the same
 * kind are revoked), read what a token is worth, spend it by choosing a password.
 */

export { LINK_LIFETIME_HOURS } from '#models/core/one_time_link'

/** Links that give a first password: either one opens the welcome page. */
export const FIRST_PASSWORD_LINKS: OneTimeLinkPurpose[] = ['welcome', 'invitation']
export const RESET_LINKS: OneTimeLinkPurpose[] = ['reset']

/**
 * Why a token opens nothing: unknown, already used, replaced by a newer link, expired, or its
 * account is deactivated.
 */
export type LinkRefusal = Exclude<OneTimeLinkState, 'usable'> | 'unknown' | 'inactive'

/** What a link is worth now: usable (with whom it greets), or why not. */
export type LinkState =
  | { state: 'usable'; purpose: OneTimeLinkPurpose; fullName: string; email: string }
  | { state: LinkRefusal }

const AUDIT: Record<OneTimeLinkPurpose, { action: string; summary: string }> = {
  welcome: { action: 'welcome', summary: 'a choisi son mot de passe (lien de bienvenue)' },
  invitation: {
    action: 'invitation_accepted',
    summary: 'a accepté son invitation et choisi son mot de passe',
  },
  reset: {
    action: 'password_reset',
    summary: 'a choisi un nouveau mot de passe (lien de réinitialisation)',
  },
}

/**
 * Issues a single-use link for a user; returns the token, which is shown or sent once and never
 * stored (only its SHA-256 is). The user's live links of `replaces` (the purpose itself by
 * default) are revoked first: only the newest link works. Run under the user's organisation.
 */
export async function issueOneTimeLink(
  user: User,
  purpose: OneTimeLinkPurpose,
  trx: TransactionClientContract,
  now: DateTime = DateTime.now(),
  replaces: OneTimeLinkPurpose[] = [purpose]
) {
  await revokeLiveLinks(user, replaces, trx, now)
  const token = OneTimeLink.newToken()
  await OneTimeLink.create(
    {
      organisationId: user.organisationId,
      userId: user.id,
      purpose,
      tokenHash: OneTimeLink.hashToken(token)!,
      createdAt: now,
      expiresAt: now.plus({ hours: LINK_LIFETIME_HOURS[purpose] }),
    },
    { client: trx }
  )
  return token
}

/** Revokes the user's links of these purposes that are neither used nor revoked yet. */
export async function revokeLiveLinks(
  user: User,
  purposes: OneTimeLinkPurpose[],
  trx: TransactionClientContract,
  now: DateTime
) {
  await OneTimeLink.query({ client: trx })
    .where('user_id', user.id)
    .whereIn('purpose', purposes)
    .whereNull('used_at')
    .whereNull('revoked_at')
    .update({ revoked_at: now.toJSDate() })
}

/** The link a token opens, looked up across organisations (nobody is logged in yet). */
async function findLink(
  token: string,
  purposes: OneTimeLinkPurpose[],
  trx?: TransactionClientContract
) {
  const tokenHash = OneTimeLink.hashToken(token)
  if (!tokenHash) return null
  return acrossTenants('one-time link', () => {
    const query = OneTimeLink.query(trx ? { client: trx } : {})
      .where('token_hash', tokenHash)
      .whereIn('purpose', purposes)
    if (trx) query.forUpdate()
    return query.first()
  })
}

const ACTOR_LABELS: Record<OneTimeLinkPurpose, string> = {
  welcome: 'lien de bienvenue',
  invitation: 'lien d’invitation',
  reset: 'lien de réinitialisation',
}

/** Who acts when a link is opened: its organisation, for its user once the link is spent. */
function linkActor(link: OneTimeLink, userId: number | null) {
  const label = ACTOR_LABELS[link.purpose as OneTimeLinkPurpose] ?? 'lien à usage unique'
  return { organisationId: link.organisationId, userId, label }
}

/** What a token of one of these purposes is worth at `now`; reads only. */
export async function linkState(
  token: string,
  purposes: OneTimeLinkPurpose[],
  now: DateTime = DateTime.now()
): Promise<LinkState> {
  const link = await findLink(token, purposes)
  if (!link) return { state: 'unknown' }
  const state = link.stateAt(now)
  if (state !== 'usable') return { state }
  const user = await actingAs(linkActor(link, null), () => User.findOrFail(link.userId))
  if (!user.isActive) return { state: 'inactive' }
  return {
    state,
    purpose: link.purpose as OneTimeLinkPurpose,
    fullName: user.fullName,
    email: user.email,
  }
}

/**
 * Sets the password of the link's user and spends the link, in one transaction (the link's row
 * is locked: two tabs posting at once use it once). The user's other live links are revoked,
 * the password is their own again (no forced change), every session of theirs ends, and the
 * event is audited. A link that is unknown, used, revoked or expired, or whose account is
 * deactivated, changes nothing.
 */
export default class AcceptOneTimeLink {
  /** Nobody is logged in: the tenant is the link's organisation, acting for its user. */
  static handle(
    input: { token: string; purposes: OneTimeLinkPurpose[]; password: string; now?: DateTime },
    transaction?: TransactionClientContract
  ): Promise<LinkState> {
    const { token, purposes, password, now = DateTime.now() } = input
    return withTransaction(transaction, async (trx) => {
      const link = await findLink(token, purposes, trx)
      if (!link) return { state: 'unknown' }
      const state = link.stateAt(now)
      if (state !== 'usable') return { state }
      return actingAs(linkActor(link, link.userId), async () => {
        const user = await User.query({ client: trx })
          .where('id', link.userId)
          .forUpdate()
          .firstOrFail()
        if (!user.isActive) return { state: 'inactive' as const }
        link.useTransaction(trx)
        link.usedAt = now
        await link.save()
        await revokeLiveLinks(user, ['welcome', 'invitation', 'reset'], trx, now)
        user.useTransaction(trx)
        user.password = password
        user.mustChangePassword = false
        user.revokeSessions()
        await user.save()
        const purpose = link.purpose as OneTimeLinkPurpose
        await recordEvent({
          domain: 'core',
          action: AUDIT[purpose].action,
          subjectType: 'users',
          subjectId: user.id,
          summary: `${user.fullName} ${AUDIT[purpose].summary}`,
          trx,
        })
        return { state, purpose, fullName: user.fullName, email: user.email }
      })
    })
  }
}
