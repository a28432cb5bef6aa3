import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { LINK_LIFETIME_HOURS } from '#models/core/one_time_link'
import User from '#models/core/user'
import { issueOneTimeLink } from '#actions/core/one_time_links'
import { deliverInBackground } from '#mail/deliver'
import PasswordResetMail from '#mail/password_reset_mail'
import { recordEvent } from '#support/audit'
import { acrossTenants, actingAs } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/** The one answer to every request, whether the address has an account or not. */
export const RESET_REQUESTED =
  'Si un compte actif correspond à cette adresse, un e-mail vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe (valable 1 heure). Pensez à regarder dans les indésirables.'

/**
 * "Mot de passe oublié ?": when the address is that of an active account, a reset link valid
 * one hour is issued (the account's previous reset links stop working), audited, and e-mailed
 * in the background. Otherwise nothing is written and nothing is sent. The caller gives the
 * same answer either way, and in about the same time (the mail server is not waited for).
 * Nobody is logged in: the account is looked up across organisations by its e-mail, which is
 * unique across them.
 */
export default class RequestPasswordReset {
  static async handle(
    input: { email: string; now?: DateTime; requestId?: string; ip?: string },
    trx?: TransactionClientContract
  ) {
    const email = input.email.trim().toLowerCase()
    const now = input.now ?? DateTime.now()
    const message = await withTransaction(trx, async (client) => {
      const user = await acrossTenants('password reset request', () =>
        User.query({ client }).whereRaw('lower(email) = ?', [email]).forUpdate().first()
      )
      if (!user || !user.isActive) return null
      const actor = {
        organisationId: user.organisationId,
        userId: null,
        label: 'mot de passe oublié',
        requestId: input.requestId,
        ip: input.ip,
      }
      return actingAs(actor, async () => {
        const token = await issueOneTimeLink(user, 'reset', client, now)
        await recordEvent({
          domain: 'core',
          action: 'password_reset_requested',
          subjectType: 'users',
          subjectId: user.id,
          summary: `Lien de réinitialisation du mot de passe envoyé à ${user.email}`,
          trx: client,
        })
        return new PasswordResetMail({
          fullName: user.fullName,
          email: user.email,
          token,
          hours: LINK_LIFETIME_HOURS.reset,
        })
      })
    })
    if (message) deliverInBackground(message)
  }
}
