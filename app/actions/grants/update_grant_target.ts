import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { TargetUpdateInput } from '#validators/grants'
import { editItem } from '#actions/grants/corrections'

/** Corrects an activity target that no report sent has accounted for yet. */
export default class UpdateGrantTarget {
  static handle(
    tenant: Tenant,
    input: TargetUpdateInput & { id: number },
    trx?: TransactionClientContract
  ) {
    const { indicatorCode, label, year, target } = input
    return withTransaction(trx, (t) =>
      editItem(tenant, 'target', input, { indicatorCode, label, year, target }, t)
    )
  }
}
