import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import WorkingGroup from '#models/quality/working_group'
import WorkingGroupMember from '#models/quality/working_group_member'
import OrganisationPerson from '#models/core/organisation_person'
import { RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { MemberForm } from '#validators/quality'

/**
 * A member of a working group: a member of the organisation (whatever their home organisation)
 * or, without an account, a free name.
 */
export default class AddWorkingGroupMember {
  static handle(
    _tenant: Tenant,
    input: MemberForm & { groupId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const group = await WorkingGroup.findOrFail(input.groupId, { client: t })
      if (!input.userId && !input.fullName) {
        throw new RuleError('Choisissez un utilisateur ou saisissez le nom du membre.')
      }
      if (input.userId) await OrganisationPerson.assertChoosable(input.userId, 'userId', t)
      return WorkingGroupMember.create(
        {
          workingGroupId: group.id,
          userId: input.userId ?? null,
          fullName: input.fullName ?? null,
          role: input.role ?? null,
        },
        { client: t }
      )
    })
  }
}
