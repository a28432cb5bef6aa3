import type { HttpContext } from '@adonisjs/core/http'
import { employeeIdentityValidator } from '#validators/hr'
import CorrectEmployeeIdentity from '#actions/hr/correct_employee_identity'

/** Correcting an employee's identity: `PUT /rh/salaries/:id/identite` (hr.write, audited). */
export default class EmployeeIdentitiesController {
  async update({ params, request, tenant, session, response }: HttpContext) {
    const input = await request.validateUsing(employeeIdentityValidator)
    const employee = await CorrectEmployeeIdentity.handle(tenant!, {
      ...input,
      employeeId: Number(params.id),
    })
    session.flash('success', 'Identité corrigée.')
    return response.redirect().toRoute('hr.personal.employees.show', { id: employee.id })
  }
}
