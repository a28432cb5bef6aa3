import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Membership from '#models/core/membership'
import { recordEvent } from '#support/audit'
import { RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { ROLE_LABELS, type Role } from '#vocabulary/core'
import { labelOf } from '#vocabulary/labels'

export interface NewMember {
  email: string
  roles: Role[]
}

/**
 * An organisation's admin gives a person whose account belongs to another organisation roles
 * in theirs (ADR 9): a membership, or the former one reactivated with these roles. The account
 * is found by its e-mail across organisations (one address, one account); the people of the
 * organisation itself are managed on their user page.
 */
export default class AddMember {
  static handle(tenant: Tenant, input: NewMember, trx?: TransactionClientContract) {
    return withTransaction(trx, async (client) => {
      const email = input.email.trim().toLowerCase()
      const person: { id: number; organisation_id: number; full_name: string } | null = await client
        .from('users')
        .whereRaw('lower(email) = ?', [email])
        .select('id', 'organisation_id', 'full_name')
        .first()
      if (!person) {
        throw new RuleError(
          `Aucun compte n’utilise l’adresse ${email} : invitez cette personne depuis la page des utilisateurs.`,
          { field: 'email' }
        )
      }
      if (person.organisation_id === tenant.organisationId) {
        throw new RuleError(
          `${person.full_name} est un utilisateur de votre organisation : ses rôles se changent sur sa fiche.`,
          { field: 'email' }
        )
      }
      const roles = [...new Set(input.roles)]
      const existing = await Membership.query({ client }).where('user_id', person.id).first()
      const before = existing ? { roles: existing.roles, isActive: existing.isActive } : null
      const membership = existing
        ? await existing.merge({ roles, isActive: true }).save()
        : await Membership.create({ userId: person.id, roles, isActive: true }, { client })
      await recordEvent({
        domain: 'core',
        action: existing ? 'update' : 'create',
        subjectType: 'memberships',
        subjectId: membership.id,
        summary: `${person.full_name} <${email}> membre avec les rôles : ${roles.map((r) => labelOf(ROLE_LABELS, r)).join(', ')}`,
        before,
        after: { roles, isActive: true },
        trx: client,
      })
      return membership
    })
  }
}
