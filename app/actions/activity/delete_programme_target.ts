import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ProgrammeTarget from '#models/activity/programme_target'
import { lockRow } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/** Deletes a programme's target (audited). */
export default class DeleteProgrammeTarget {
  static handle(_tenant: Tenant, input: { id: number }, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const target = await lockRow(ProgrammeTarget, input.id, t)
      await target.delete()
      return target
    })
  }
}
