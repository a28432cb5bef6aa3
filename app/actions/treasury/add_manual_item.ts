import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { underDatabaseRules } from '#support/domain_errors'
import ManualItem from '#models/treasury/manual_item'
import type { ManualItemInput } from '#validators/treasury'
import { checkManualItem } from '#actions/treasury/manual_item_rules'

/** Adds a manual item to the forecast (audited by the model). */
export default class AddManualItem {
  static handle(_tenant: Tenant, input: ManualItemInput, trx?: TransactionClientContract) {
    checkManualItem(input)
    return withTransaction(trx, (t) =>
      underDatabaseRules(() =>
        ManualItem.create(
          {
            label: input.label,
            dueOn: DateTime.fromISO(input.dueOn),
            amount: input.amount,
            recurrence: input.recurrence,
            endsOn: input.endsOn ? DateTime.fromISO(input.endsOn) : null,
          },
          { client: t }
        )
      )
    )
  }
}
