import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Membership from '#models/core/membership'
import { recordEvent } from '#support/audit'
import { NotFoundError, RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/**
 * An organisation's admin withdraws a person of another organisation (ADR 9): the membership
 * is deactivated, never deleted (what they did here still names it), and the person loses the
 * organisation at their next request. The organisation's own users are deactivated on their
 * user page instead.
 */
export default class RemoveMember {
  static handle(tenant: Tenant, input: { id: number }, trx?: TransactionClientContract) {
    return withTransaction(trx, async (client) => {
      const membership = await Membership.query({ client })
        .where('id', input.id)
        .forUpdate()
        .first()
      if (!membership) throw new NotFoundError('Ce membre n’existe pas.')
      const person: { organisation_id: number; full_name: string; email: string } = await client
        .from('users')
        .where('id', membership.userId)
        .select('organisation_id', 'full_name', 'email')
        .firstOrFail()
      if (person.organisation_id === tenant.organisationId) {
        throw new RuleError(
          `${person.full_name} est un utilisateur de votre organisation : désactivez son compte depuis sa fiche.`
        )
      }
      if (!membership.isActive) {
        throw new RuleError(`${person.full_name} n’est déjà plus membre de votre organisation.`)
      }
      await membership.merge({ isActive: false }).save()
      await recordEvent({
        domain: 'core',
        action: 'delete',
        subjectType: 'memberships',
        subjectId: membership.id,
        summary: `${person.full_name} <${person.email}> n’est plus membre`,
        before: { isActive: true },
        after: { isActive: false },
        trx: client,
      })
      return membership
    })
  }
}
