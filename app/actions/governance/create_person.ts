import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import MemberBody from '#models/governance/member_body'
import Person from '#models/governance/person'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { assertPersonNameFree } from '#actions/governance/member_rules'

export interface PersonInput {
  fullName: string
  email?: string | null
  memberBodyId?: number | null
}

/** Registers a natural person, representing a member body or not yet. */
export default class CreatePerson {
  static handle(_tenant: Tenant, input: PersonInput, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const body = input.memberBodyId
        ? await MemberBody.query({ client: t }).where('id', input.memberBodyId).firstOrFail()
        : null
      await assertPersonNameFree(input.fullName, null, t)
      return Person.create(
        { fullName: input.fullName, email: input.email ?? null, memberBodyId: body?.id ?? null },
        { client: t }
      )
    })
  }
}
