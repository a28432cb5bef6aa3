import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import OneTimeLink from '#models/core/one_time_link'
import User from '#models/core/user'
import { issueInvitation } from '#actions/core/invite_user'
import { deliver } from '#mail/deliver'
import { RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/**
 * Sends an invitation again: a new link, valid 48 hours, and the previous welcome or
 * invitation links of that person stop working. Only for an active account whose owner never
 * logged in and never chose a password through a link (the others use « Mot de passe
 * oublié ? »).
 */
export default class ResendInvitation {
  static async handle(
    tenant: Tenant,
    input: { id: number; now?: DateTime },
    trx?: TransactionClientContract
  ) {
    const now = input.now ?? DateTime.now()
    const { user, message } = await withTransaction(trx, async (client) => {
      const invited = await User.query({ client }).where('id', input.id).forUpdate().firstOrFail()
      if (!invited.isActive) {
        throw new RuleError(
          `Le compte de ${invited.fullName} est désactivé : réactivez-le avant de renvoyer l’invitation.`
        )
      }
      const accepted = await OneTimeLink.query({ client })
        .where('user_id', invited.id)
        .whereIn('purpose', ['welcome', 'invitation'])
        .whereNotNull('used_at')
        .first()
      if (invited.lastLoginAt || accepted) {
        throw new RuleError(
          `${invited.fullName} a déjà activé son compte : en cas d’oubli, le lien « Mot de passe oublié ? » de la page de connexion lui permet d’en choisir un nouveau.`
        )
      }
      return {
        user: invited,
        message: await issueInvitation(tenant, invited, client, now, 'invite_again'),
      }
    })
    return { user, delivered: await deliver(message) }
  }
}
