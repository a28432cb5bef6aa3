import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StrategicPlan from '#models/quality/strategic_plan'
import { RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { PlanForm } from '#validators/quality'

/** A new strategic plan; the one starting last is the plan in force. */
export default class CreateStrategicPlan {
  static handle(_tenant: Tenant, input: PlanForm, trx?: TransactionClientContract) {
    if (input.endYear < input.startYear) {
      throw new RuleError("L'année de fin doit suivre l'année de début.", { field: 'endYear' })
    }
    return withTransaction(trx, (t) =>
      StrategicPlan.create(
        {
          title: input.title,
          startYear: input.startYear,
          endYear: input.endYear,
          announcedAxes: input.announcedAxes ?? null,
        },
        { client: t }
      )
    )
  }
}
