import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StrategicAxis from '#models/quality/strategic_axis'
import { assertVersion, lockRow } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { AxisUpdateForm } from '#validators/quality'

/** Corrects an axis of the plan (kind, title, description); audited, a stale form conflicts. */
export default class UpdateStrategicAxis {
  static handle(
    _tenant: Tenant,
    input: AxisUpdateForm & { axisId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const axis = await lockRow(StrategicAxis, input.axisId, t)
      assertVersion(axis, input.version)
      axis.merge({ kind: input.kind, title: input.title, description: input.description ?? null })
      await axis.save()
      return axis
    })
  }
}
