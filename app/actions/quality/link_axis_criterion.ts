import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StrategicAxis from '#models/quality/strategic_axis'
import Criterion from '#models/quality/criterion'
import AxisCriterion from '#models/quality/axis_criterion'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/** Links a labellisation criterion to an axis of the plan (once); returns the criterion. */
export default class LinkAxisCriterion {
  static handle(
    _tenant: Tenant,
    input: { axisId: number; criterionId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const axis = await StrategicAxis.findOrFail(input.axisId, { client: t })
      const criterion = await Criterion.findOrFail(input.criterionId, { client: t })
      const exists = await AxisCriterion.query({ client: t })
        .where('axis_id', axis.id)
        .where('criterion_id', criterion.id)
        .first()
      if (!exists) {
        await AxisCriterion.create({ axisId: axis.id, criterionId: criterion.id }, { client: t })
      }
      return criterion
    })
  }
}
