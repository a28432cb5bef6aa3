import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Membership, { resolveMembership } from '#models/core/membership'
import type User from '#models/core/user'
import { recordEvent } from '#support/audit'
import { RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

export const NOT_A_MEMBER =
  'Vous ne pouvez pas agir pour cette organisation : vous n’en êtes pas membre actif, ou elle a été désactivée.'

/**
 * A person chooses the organisation they act for (ADR 9): it must be one of their active
 * memberships of an active organisation. Audited in the organisation they enter. The caller
 * stores the choice in the session, which the tenant middleware checks again at every request.
 */
export default class SwitchOrganisation {
  static async handle(
    tenant: Tenant,
    user: User,
    input: { organisationId: number },
    trx?: TransactionClientContract
  ) {
    const resolved = resolveMembership(await Membership.choicesOf(user), input.organisationId)
    if ('refusal' in resolved || resolved.membership.organisationId !== input.organisationId) {
      throw new RuleError(NOT_A_MEMBER, { field: 'organisationId' })
    }
    const { membership } = resolved
    if (membership.organisationId !== tenant.organisationId) {
      await withTransaction(trx, (client) =>
        recordEvent({
          domain: 'core',
          action: 'switch_organisation',
          subjectType: 'memberships',
          subjectId: user.id,
          summary: `${user.fullName} <${user.email}> agit désormais pour ${membership.organisationName}`,
          organisationId: membership.organisationId,
          trx: client,
        })
      )
    }
    return membership
  }
}
