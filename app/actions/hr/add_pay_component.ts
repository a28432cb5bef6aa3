import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Employee from '#models/hr/employee'
import PayComponent from '#models/hr/pay_component'
import { underDatabaseRules } from '#support/domain_errors'
import { roundCents } from '#support/money'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { PayComponentInput } from '#validators/hr'

/**
 * Records a pay component of an employee for a period (bonus, benefit in kind, overtime...):
 * a new line of an append-only history, audited by the model.
 */
export default class AddPayComponent {
  static handle(
    _tenant: Tenant,
    input: PayComponentInput & { employeeId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const employee = await Employee.findOrFail(input.employeeId, { client: t })
      return underDatabaseRules(() =>
        PayComponent.create(
          {
            employeeId: employee.id,
            kind: input.kind,
            periodStart: DateTime.fromJSDate(input.periodStart),
            periodEnd: DateTime.fromJSDate(input.periodEnd),
            amount: roundCents(input.amount),
            source: 'saisie',
            comment: input.comment ?? null,
          },
          { client: t }
        )
      )
    })
  }
}
