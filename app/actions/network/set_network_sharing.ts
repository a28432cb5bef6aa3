import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import NetworkMember from '#models/core/network_member'
import { recordEvent } from '#support/audit'
import { NotFoundError, RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/**
 * A member organisation's admin agrees that its network reads its consolidated figures, or
 * withdraws (ADR 9): from then on the network's tables include it, or leave it out. Never its
 * ledger nor any personal data, whatever is agreed.
 */
export default class SetNetworkSharing {
  static handle(
    tenant: Tenant,
    input: { id: number; agreed: boolean },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (client) => {
      const link = await NetworkMember.query({ client }).where('id', input.id).forUpdate().first()
      if (!link)
        throw new NotFoundError(
          'Ce réseau n’existe pas, ou votre organisation n’en est pas membre.'
        )
      const network: { name: string } = await client
        .from('organisations')
        .where('id', link.networkOrganisationId)
        .select('name')
        .firstOrFail()
      if (link.sharing === input.agreed) {
        throw new RuleError(
          input.agreed
            ? `Votre organisation partage déjà ses chiffres avec ${network.name}.`
            : `Votre organisation ne partage pas ses chiffres avec ${network.name}.`
        )
      }
      link.sharingAgreedAt = input.agreed ? DateTime.now() : null
      link.sharingAgreedBy = input.agreed ? tenant.userId : null
      await link.save()
      await recordEvent({
        domain: 'core',
        action: input.agreed ? 'agree_network_sharing' : 'withdraw_network_sharing',
        subjectType: 'network_members',
        subjectId: link.id,
        summary: input.agreed
          ? `Partage des chiffres consolidés avec ${network.name} accepté`
          : `Partage des chiffres consolidés avec ${network.name} retiré`,
        before: { sharing: !input.agreed },
        after: { sharing: input.agreed },
        trx: client,
      })
      return { link, networkName: network.name }
    })
  }
}
