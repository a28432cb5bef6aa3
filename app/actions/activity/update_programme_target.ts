import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ProgrammeTarget from '#models/activity/programme_target'
import { assertVersion, lockRow } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { ProgrammeTargetUpdate } from '#validators/activity'

/** Corrects a programme's target (audited); a stale form gets a conflict. */
export default class UpdateProgrammeTarget {
  static handle(
    _tenant: Tenant,
    input: ProgrammeTargetUpdate & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const target = await lockRow(ProgrammeTarget, input.id, t)
      assertVersion(target, input.version)
      target.target = input.target
      await target.save()
      return target
    })
  }
}
