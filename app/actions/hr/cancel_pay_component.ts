import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import PayComponent from '#models/hr/pay_component'
import { RuleError, underDatabaseRules } from '#support/domain_errors'
import { lockRow } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { PayComponentCancelInput } from '#validators/hr'

/**
 * Cancels a pay component with a reason: the row stays, struck out, and counts nowhere; a
 * correction is a new component. Once only (the database refuses a second cancellation).
 */
export default class CancelPayComponent {
  static handle(
    _tenant: Tenant,
    input: PayComponentCancelInput & { componentId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const component = await lockRow(PayComponent, input.componentId, t)
      if (component.cancelledAt) throw new RuleError('Cet élément de paie est déjà annulé.')
      component.merge({ cancelledAt: DateTime.now(), cancelReason: input.reason })
      await underDatabaseRules(() => component.save())
      return component
    })
  }
}
