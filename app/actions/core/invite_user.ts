import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Organisation from '#models/core/organisation'
import OneTimeLink, { LINK_LIFETIME_HOURS } from '#models/core/one_time_link'
import User from '#models/core/user'
import { FIRST_PASSWORD_LINKS, issueOneTimeLink } from '#actions/core/one_time_links'
import { deliver } from '#mail/deliver'
import InvitationMail from '#mail/invitation_mail'
import { recordEvent } from '#support/audit'
import { registerConstraintMessages } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { Role } from '#vocabulary/core'

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

/**
 * An admin invites a person into the acting organisation: a user with the given roles and no
 * usable password (a random secret nobody knows is hashed and discarded), and an invitation
 * link, valid 48 hours, e-mailed to them once the transaction is committed. `delivered` is
 * false when the message could not leave: the invitation stands and can be sent again.
 */
export default class InviteUser {
  static async handle(
    tenant: Tenant,
    input: Invitee & { now?: DateTime },
    trx?: TransactionClientContract
  ) {
    const now = input.now ?? DateTime.now()
    const { user, message } = await withTransaction(trx, async (client) => {
      const invited = await User.create(
        {
          fullName: input.fullName,
          email: input.email.toLowerCase(),
          roles: input.roles,
          password: OneTimeLink.newToken(),
          mustChangePassword: false,
        },
        { client }
      )
      return {
        user: invited,
        message: await issueInvitation(tenant, invited, client, now, 'invite'),
      }
    })
    return { user, delivered: await deliver(message) }
  }
}
