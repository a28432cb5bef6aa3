import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Funder from '#models/grants/funder'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { FunderInput } from '#validators/grants'
import { underDatabaseRules } from '#support/domain_errors'
import { funderValues } from '#actions/grants/update_funder'

/** Adds a funder, under an existing parent of the organisation when one is chosen. */
export default class CreateFunder {
  static handle(_tenant: Tenant, input: FunderInput, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      if (input.parentId)
        await Funder.query({ client: t }).where('id', input.parentId).firstOrFail()
      return underDatabaseRules(() => Funder.create(funderValues(input), { client: t }))
    })
  }
}
