import Employee from '#models/hr/employee'
import { addSalaryEvent } from '#actions/hr/register'
import { isoDay } from '#actions/hr/contract_input'
import type { Tenant } from '#support/request_context'
import type { SalaryEventInput } from '#validators/hr'

/** Records a salary event (hire, raise, promotion, general measure) of an employee. */
export default class AddSalaryEvent {
  static async handle(_tenant: Tenant, input: SalaryEventInput & { employeeId: number }) {
    const employee = await Employee.findOrFail(input.employeeId)
    return addSalaryEvent(employee.id, { ...input, effectiveDate: isoDay(input.effectiveDate) })
  }
}
