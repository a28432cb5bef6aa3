import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Employee from '#models/hr/employee'
import Leave from '#models/hr/leave'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { LeaveInput } from '#validators/hr'

/** Records a maternity or adoption leave of an employee. */
export default class RecordLeave {
  static handle(
    _tenant: Tenant,
    input: LeaveInput & { employeeId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const employee = await Employee.findOrFail(input.employeeId, { client: t })
      return Leave.create(
        {
          employeeId: employee.id,
          kind: input.kind,
          startDate: DateTime.fromJSDate(input.startDate),
          endDate: DateTime.fromJSDate(input.endDate),
        },
        { client: t }
      )
    })
  }
}
