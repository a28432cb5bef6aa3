import { DateTime } from 'luxon'
import Employee from '#models/hr/employee'
import { setAllocation } from '#actions/hr/register'
import type { Tenant } from '#support/request_context'
import type { AllocationInput } from '#validators/hr'

/** Sets an employee's share of time on a programme for a month (0 removes it). */
export default class AllocateTime {
  static async handle(tenant: Tenant, input: AllocationInput & { employeeId: number }) {
    const employee = await Employee.findOrFail(input.employeeId)
    return setAllocation(
      tenant.organisationId,
      employee.id,
      input.programmeId,
      DateTime.fromJSDate(input.month).startOf('month').toISODate()!,
      (input.sharePercent / 100).toFixed(4)
    )
  }
}
