import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import MemberBody from '#models/governance/member_body'
import Person from '#models/governance/person'
import { GovernanceRuleError } from '#models/governance/rule_error'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { underDatabaseRules } from '#support/domain_errors'
import { assertVersion, lockRow } from '#support/optimistic_lock'
import type { PersonInput } from '#actions/governance/create_person'
import { assertPersonNameFree, count, openSeats } from '#actions/governance/member_rules'

/** The person holding a running seat represents the body of that seat. */
async function assertPersonCanMove(
  person: Person,
  memberBodyId: number | null,
  trx: TransactionClientContract
) {
  if (person.memberBodyId === memberBodyId) return
  const seats = openSeats(trx).where('person_id', person.id)
  if (memberBodyId) seats.whereNot('member_body_id', memberBodyId)
  if (await count(seats)) {
    throw new GovernanceRuleError(
      `${person.fullName} occupe un siège en cours pour son membre : clôturez ce mandat avant de la rattacher ailleurs.`
    )
  }
}

/**
 * Edits a person, or attaches them to another member body (not while holding its seat; the
 * trigger persons_stay of migration 8900 refuses it too).
 */
export default class UpdatePerson {
  static handle(
    _tenant: Tenant,
    input: PersonInput & { id: number; version?: number },
    trx?: TransactionClientContract
  ) {
    return underDatabaseRules(() =>
      withTransaction(trx, async (t) => {
        const person = await lockRow(Person, input.id, t)
        const body = input.memberBodyId ? await lockRow(MemberBody, input.memberBodyId, t) : null
        assertVersion(person, input.version)
        await assertPersonNameFree(input.fullName, person.id, t)
        await assertPersonCanMove(person, body?.id ?? null, t)
        person.merge({
          fullName: input.fullName,
          email: input.email ?? null,
          memberBodyId: body?.id ?? null,
        })
        await person.useTransaction(t).save()
        return person
      })
    )
  }
}
