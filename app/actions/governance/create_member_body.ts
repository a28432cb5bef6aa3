import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import MemberBody from '#models/governance/member_body'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { MemberKind } from '#vocabulary/governance'
import { assertBodyNameFree, uniqueName } from '#actions/governance/member_rules'

export interface MemberBodyInput {
  name: string
  kind: MemberKind
  isActive?: boolean
}

/** Registers a member body (a legal entity of the board); its name is unique, case aside. */
export default class CreateMemberBody {
  static handle(_tenant: Tenant, input: MemberBodyInput, trx?: TransactionClientContract) {
    return uniqueName(() =>
      withTransaction(trx, async (t) => {
        await assertBodyNameFree(input.name, null, t)
        return MemberBody.create(
          { name: input.name, kind: input.kind, isActive: input.isActive ?? true },
          { client: t }
        )
      })
    )
  }
}
