import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import GrantDeadline from '#models/grants/grant_deadline'
import type { DeadlineInput } from '#validators/grants'
import { lockGrant, parisDay } from '#actions/grants/conventions'

/** Adds a reporting deadline (report, balance request...) to the convention. */
export default class AddGrantDeadline {
  static handle(
    _tenant: Tenant,
    input: DeadlineInput & { grantId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const grant = await lockGrant(input.grantId, t)
      return GrantDeadline.create(
        { grantId: grant.id, kind: input.kind, label: input.label, dueOn: parisDay(input.dueOn) },
        { client: t }
      )
    })
  }
}
