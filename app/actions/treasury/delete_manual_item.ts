import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { lockRow } from '#support/optimistic_lock'
import ManualItem from '#models/treasury/manual_item'

/** Removes a manual item from the forecast (the audit keeps what it was). */
export default class DeleteManualItem {
  static handle(_tenant: Tenant, input: { id: number }, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const item = await lockRow(ManualItem, input.id, t)
      await item.useTransaction(t).delete()
      return item
    })
  }
}
