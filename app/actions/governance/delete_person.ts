import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Person from '#models/governance/person'
import { GovernanceRuleError } from '#models/governance/rule_error'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { count } from '#actions/governance/member_rules'

/** Deleting a person would blank the seats and attendance lists that name them (SET NULL). */
async function assertPersonCanBeDeleted(person: Person, trx: TransactionClientContract) {
  const seats = await count(trx.from('seats').where('person_id', person.id))
  const attendances = await count(trx.from('attendances').where('person_id', person.id))
  if (seats || attendances) {
    throw new GovernanceRuleError(
      `${person.fullName} figure dans des mandats ou des feuilles de présence : sa fiche est conservée pour l'historique.`
    )
  }
}

/** Deletes a person named in no mandate and no attendance list. */
export default class DeletePerson {
  static handle(_tenant: Tenant, id: number, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const person = await Person.query({ client: t }).where('id', id).forUpdate().firstOrFail()
      await assertPersonCanBeDeleted(person, t)
      await person.useTransaction(t).delete()
      return person
    })
  }
}
