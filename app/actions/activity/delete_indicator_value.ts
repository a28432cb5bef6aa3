import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import IndicatorValue from '#models/activity/indicator_value'
import { recordAudit } from '#support/audit'
import { lockRow } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/** Deletes one stored indicator value (a wrong line of an import, say); audited with its cell. */
export default class DeleteIndicatorValue {
  static handle(_tenant: Tenant, input: { id: number }, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const row = await lockRow(IndicatorValue, input.id, t)
      const before = { ...row.serialize(), value: row.value.toFixed(2) }
      await row.delete()
      await recordAudit(row, 'activity', 'delete', before, null)
      return row
    })
  }
}
