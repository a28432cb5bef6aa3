import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { deleteGrant, lockGrant } from '#actions/grants/conventions'

/** Deletes a convention that no ledger line and no receipt refer to. */
export default class DeleteGrant {
  static handle(_tenant: Tenant, input: { id: number }, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => deleteGrant(await lockGrant(input.id, t), t))
  }
}
