import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StrategicPlan from '#models/quality/strategic_plan'
import StrategicAxis from '#models/quality/strategic_axis'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { AxisForm } from '#validators/quality'

/** An axis added at the end of the plan in force. */
export default class AddStrategicAxis {
  static handle(_tenant: Tenant, input: AxisForm, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const plan = await StrategicPlan.current().useTransaction(t).firstOrFail()
      const last = await t
        .from('strategic_axes')
        .where('plan_id', plan.id)
        .max('position as position')
        .first()
      return StrategicAxis.create(
        {
          kind: input.kind,
          title: input.title,
          description: input.description ?? null,
          planId: plan.id,
          position: (last?.position ?? 0) + 1,
        },
        { client: t }
      )
    })
  }
}
