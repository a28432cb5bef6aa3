import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Organisation from '#models/core/organisation'
import { recordEvent } from '#support/audit'
import { NotFoundError, RuleError } from '#support/domain_errors'
import { actingAs, type Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/**
 * The instance administrator's acts on an organisation they need not belong to: recorded in
 * that organisation's audit journal under their name, without a user reference (they have no
 * membership there; ADR 9).
 */
export function asInstanceAdministrator<T>(
  tenant: Tenant,
  organisationId: number,
  work: () => Promise<T>
) {
  return actingAs(
    {
      organisationId,
      userId: null,
      label: `administrateur de l’instance (${tenant.label})`,
      requestId: tenant.requestId,
      ip: tenant.ip,
    },
    work
  )
}

/**
 * The instance administrator deactivates an organisation (its members can no longer sign in
 * to it or act for it, from their next request) or reactivates it. Nothing of its data is
 * touched. They cannot deactivate the organisation they are acting for.
 */
export default class SetOrganisationActive {
  static handle(
    tenant: Tenant,
    input: { id: number; active: boolean },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (client) => {
      const organisation = await Organisation.query({ client })
        .where('id', input.id)
        .forUpdate()
        .first()
      if (!organisation) throw new NotFoundError('Cette organisation n’existe pas.')
      if (organisation.isActive === input.active) {
        throw new RuleError(
          `L’organisation « ${organisation.name} » est déjà ${input.active ? 'active' : 'désactivée'}.`
        )
      }
      if (!input.active && organisation.id === tenant.organisationId) {
        throw new RuleError(
          'Vous ne pouvez pas désactiver l’organisation pour laquelle vous agissez : choisissez-en une autre dans le menu, ou demandez à un autre administrateur de l’instance.'
        )
      }
      organisation.isActive = input.active
      organisation.deactivatedAt = input.active ? null : DateTime.now()
      await organisation.save()
      await asInstanceAdministrator(tenant, organisation.id, () =>
        recordEvent({
          domain: 'core',
          action: input.active ? 'reactivate' : 'deactivate',
          subjectType: 'organisations',
          subjectId: organisation.id,
          summary: `Organisation ${organisation.name} ${input.active ? 'réactivée' : 'désactivée'}`,
          before: { isActive: !input.active },
          after: { isActive: input.active },
          trx: client,
        })
      )
      return organisation
    })
  }
}
