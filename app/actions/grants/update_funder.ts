import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Funder from '#models/grants/funder'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { assertVersion, lockRow } from '#support/optimistic_lock'
import type { FunderInput } from '#validators/grants'
import { GrantRuleError } from '#actions/grants/errors'
import { underDatabaseRules } from '#support/domain_errors'

/** The funder's columns as typed in its form. */
export function funderValues(input: FunderInput) {
  return {
    name: input.name,
    category: input.category,
    parentId: input.parentId ?? null,
    revenueAccount: input.revenueAccount ?? null,
    notes: input.notes ?? null,
  }
}

/** Changes a funder; it cannot become its own parent, and the form's version must be current. */
export default class UpdateFunder {
  static handle(
    _tenant: Tenant,
    input: FunderInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const funder = await lockRow(Funder, input.id, t)
      if (input.parentId === funder.id)
        throw new GrantRuleError('Un financeur ne peut pas être son propre parent.')
      if (input.parentId)
        await Funder.query({ client: t }).where('id', input.parentId).firstOrFail()
      assertVersion(funder, input.version)
      funder.merge(funderValues(input))
      await underDatabaseRules(() => funder.save())
      return funder
    })
  }
}
