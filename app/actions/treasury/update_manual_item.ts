import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { underDatabaseRules } from '#support/domain_errors'
import { lockAtVersion } from '#support/optimistic_lock'
import ManualItem from '#models/treasury/manual_item'
import type { ManualItemInput } from '#validators/treasury'
import { checkManualItem } from '#actions/treasury/manual_item_rules'

/** Corrects a manual item at the version its form was read at (audited by the model). */
export default class UpdateManualItem {
  static handle(
    _tenant: Tenant,
    input: ManualItemInput & { id: number },
    trx?: TransactionClientContract
  ) {
    checkManualItem(input)
    return withTransaction(trx, async (t) => {
      const item = await lockAtVersion(ManualItem, input.id, input.version, t)
      item.merge({
        label: input.label,
        dueOn: DateTime.fromISO(input.dueOn),
        amount: input.amount,
        recurrence: input.recurrence,
        endsOn: input.endsOn ? DateTime.fromISO(input.endsOn) : null,
      })
      await underDatabaseRules(() => item.useTransaction(t).save())
      return item
    })
  }
}
