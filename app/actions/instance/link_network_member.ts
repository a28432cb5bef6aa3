import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import NetworkMember from '#models/core/network_member'
import { asInstanceAdministrator } from '#actions/instance/set_organisation_active'
import { recordEvent } from '#support/audit'
import { ConflictError, NotFoundError, RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

async function organisationName(client: TransactionClientContract, id: number) {
  const row: { name: string } | null = await client
    .from('organisations')
    .where('id', id)
    .select('name')
    .first()
  if (!row) throw new NotFoundError('Cette organisation n’existe pas.')
  return row.name
}

/**
 * The instance administrator makes an organisation a member of a network (a regional
 * association). The network reads nothing yet: the member's admin must agree to share (ADR 9).
 * The row is the member's, recorded in its audit journal.
 */
export default class LinkNetworkMember {
  static handle(
    tenant: Tenant,
    input: { memberOrganisationId: number; networkOrganisationId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (client) => {
      const { memberOrganisationId: member, networkOrganisationId: network } = input
      if (member === network) {
        throw new RuleError('Une organisation ne peut pas être membre de son propre réseau.', {
          field: 'memberOrganisationId',
        })
      }
      const memberName = await organisationName(client, member)
      const networkName = await organisationName(client, network)
      return asInstanceAdministrator(tenant, member, async () => {
        if (
          await NetworkMember.query({ client }).where('network_organisation_id', network).first()
        ) {
          throw new ConflictError(`${memberName} est déjà membre du réseau ${networkName}.`, {
            field: 'memberOrganisationId',
          })
        }
        const link = await NetworkMember.create({ networkOrganisationId: network }, { client })
        await recordEvent({
          domain: 'core',
          action: 'create',
          subjectType: 'network_members',
          subjectId: link.id,
          summary: `${memberName} rattachée au réseau ${networkName} (partage des chiffres à accepter par son administrateur)`,
          trx: client,
        })
        return link
      })
    })
  }
}

/** The instance administrator takes an organisation out of a network. */
export class UnlinkNetworkMember {
  static handle(tenant: Tenant, input: { id: number }, trx?: TransactionClientContract) {
    return withTransaction(trx, async (client) => {
      const row: { organisation_id: number } | null = await client
        .from('network_members')
        .where('id', input.id)
        .select('organisation_id')
        .first()
      if (!row) throw new NotFoundError('Ce rattachement n’existe pas.')
      return asInstanceAdministrator(tenant, row.organisation_id, async () => {
        const link = await NetworkMember.query({ client }).where('id', input.id).firstOrFail()
        const networkName = await organisationName(client, link.networkOrganisationId)
        await link.delete()
        await recordEvent({
          domain: 'core',
          action: 'delete',
          subjectType: 'network_members',
          subjectId: input.id,
          summary: `Retirée du réseau ${networkName}`,
          trx: client,
        })
      })
    })
  }
}
