import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Organisation from '#models/core/organisation'
import OneTimeLink, { LINK_LIFETIME_HOURS } from '#models/core/one_time_link'
import User from '#models/core/user'
import Membership from '#models/core/membership'
import AddMember from '#actions/core/add_member'
import { FIRST_PASSWORD_LINKS, issueOneTimeLink } from '#actions/core/one_time_links'
import { deliver } from '#mail/deliver'
import InvitationMail from '#mail/invitation_mail'
import MembershipMail from '#mail/membership_mail'
import { recordEvent } from '#support/audit'
import { registerConstraintMessages, RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { ROLE_LABELS, type Role } from '#vocabulary/core'
import { labelOf } from '#vocabulary/labels'

export const EMAIL_TAKEN = 'Cette adresse e-mail est déjà utilisée.'

// Two admins inviting the same address at once: the second meets the unique index.
registerConstraintMessages({ users_email_unique: { message: EMAIL_TAKEN, field: 'email' } })

export interface Invitee {
  fullName: string
  email: string
  roles: Role[]
}

/**
 * Issues an invitation link for `user` (the previous welcome or invitation links stop
 * working), audited, and returns what the message needs. Run inside the caller's transaction.
 */
export async function issueInvitation(
  tenant: Tenant,
  user: User,
  trx: TransactionClientContract,
  now: DateTime,
  action: 'invite' | 'invite_again'
) {
  const token = await issueOneTimeLink(user, 'invitation', trx, now, FIRST_PASSWORD_LINKS)
  const organisation = await Organisation.findOrFail(tenant.organisationId, { client: trx })
  const inviter = tenant.userId ? await User.find(tenant.userId, { client: trx }) : null
  await recordEvent({
    domain: 'core',
    action,
    subjectType: 'users',
    subjectId: user.id,
    summary: `${action === 'invite' ? 'Invitation envoyée' : 'Invitation renvoyée'} à ${user.fullName} <${user.email}>`,
    trx,
  })
  return new InvitationMail({
    fullName: user.fullName,
    email: user.email,
    organisationName: organisation.name,
    invitedBy: inviter?.fullName ?? 'L’administrateur de votre organisation',
    token,
    hours: LINK_LIFETIME_HOURS.invitation,
  })
}

/** What an invitation did: a new account invited, or an existing one made a member. */
export type InvitationOutcome =
  | { kind: 'invited'; user: User; delivered: boolean }
  | {
      kind: 'member'
      membership: Membership
      fullName: string
      email: string
      roles: string
      delivered: boolean
    }

/**
 * An admin invites a person into the acting organisation. Usually a user with the given roles
 * and no usable password (a random secret nobody knows is hashed and discarded), and an
 * invitation link, valid 48 hours, e-mailed to them once the transaction is committed.
 * An address that already has an account in another organisation (one address, one account)
 * becomes a member of this one with the chosen roles (ADR 9, as the members page does), and
 * the person is told by e-mail; a user of this organisation, or a member already, is refused.
 * `delivered` is false when the message could not leave: what was written stands.
 */
export default class InviteUser {
  static async handle(
    tenant: Tenant,
    input: Invitee & { now?: DateTime },
    trx?: TransactionClientContract
  ): Promise<InvitationOutcome> {
    const now = input.now ?? DateTime.now()
    const email = input.email.trim().toLowerCase()
    const outcome = await withTransaction(trx, async (client) => {
      // One address, one account across the instance: looked up outside the tenant's scope.
      const account: { id: number; organisation_id: number; full_name: string } | null =
        await client
          .from('users')
          .whereRaw('lower(email) = ?', [email])
          .select('id', 'organisation_id', 'full_name')
          .first()
      if (!account) {
        const invited = await User.create(
          {
            fullName: input.fullName,
            email,
            roles: input.roles,
            password: OneTimeLink.newToken(),
            mustChangePassword: false,
          },
          { client }
        )
        const message = await issueInvitation(tenant, invited, client, now, 'invite')
        return { kind: 'invited' as const, user: invited, message }
      }
      if (account.organisation_id === tenant.organisationId) {
        throw new RuleError(EMAIL_TAKEN, { field: 'email' })
      }
      const current = await Membership.query({ client })
        .where('user_id', account.id)
        .where('is_active', true)
        .first()
      if (current) {
        throw new RuleError(
          `${account.full_name} est déjà membre de votre organisation : ses rôles se changent sur la page « Membres d’autres organisations ».`,
          { field: 'email' }
        )
      }
      const membership = await AddMember.handle(tenant, { email, roles: input.roles }, client)
      const organisation = await Organisation.findOrFail(tenant.organisationId, { client })
      const inviter = tenant.userId ? await User.find(tenant.userId, { client }) : null
      const roles = membership.roles.map((role) => labelOf(ROLE_LABELS, role)).join(', ')
      const message = new MembershipMail({
        fullName: account.full_name,
        email,
        organisationName: organisation.name,
        addedBy: inviter?.fullName ?? 'L’administrateur de l’organisation',
        roles,
      })
      return {
        kind: 'member' as const,
        membership,
        fullName: account.full_name,
        email,
        roles,
        message,
      }
    })
    const delivered = await deliver(outcome.message)
    if (outcome.kind === 'invited') return { kind: 'invited', user: outcome.user, delivered }
    const { membership, fullName, roles } = outcome
    return { kind: 'member', membership, fullName, email, roles, delivered }
  }
}
