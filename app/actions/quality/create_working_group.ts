import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StrategicPlan from '#models/quality/strategic_plan'
import StrategicAxis from '#models/quality/strategic_axis'
import WorkingGroup from '#models/quality/working_group'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { WorkingGroupForm } from '#validators/quality'

/** A working group of the plan in force, on one of its axes or none. */
export default class CreateWorkingGroup {
  static handle(_tenant: Tenant, input: WorkingGroupForm, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const plan = await StrategicPlan.current().useTransaction(t).firstOrFail()
      if (input.axisId) await StrategicAxis.findOrFail(input.axisId, { client: t })
      return WorkingGroup.create(
        { name: input.name, axisId: input.axisId ?? null, planId: plan.id },
        { client: t }
      )
    })
  }
}
