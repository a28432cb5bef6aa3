import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StrategicAxis from '#models/quality/strategic_axis'
import WorkingGroup from '#models/quality/working_group'
import { assertVersion, lockRow } from '#support/optimistic_lock'
import { RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { WorkingGroupUpdateForm } from '#validators/quality'

/** Renames a working group or moves it to another axis of its plan; audited. */
export default class UpdateWorkingGroup {
  static handle(
    _tenant: Tenant,
    input: WorkingGroupUpdateForm & { groupId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const group = await lockRow(WorkingGroup, input.groupId, t)
      assertVersion(group, input.version)
      if (input.axisId) {
        const axis = await StrategicAxis.findOrFail(input.axisId, { client: t })
        if (axis.planId !== group.planId) {
          throw new RuleError("Cet axe n'appartient pas au plan du groupe.", { field: 'axisId' })
        }
      }
      group.merge({ name: input.name, axisId: input.axisId ?? null })
      await group.save()
      return group
    })
  }
}
