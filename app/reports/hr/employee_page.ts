import db from '@adonisjs/lucid/services/db'
import Employee from '#models/hr/employee'
import { Report } from '#support/report'
import { EmployeeFile, type EmployeeFileData } from '#reports/hr/employee_file'
import type { JobReferenceRow } from '#reports/hr/employee_directory'

/** One personal file with what its forms offer: job references, sessions, programmes. */
export default class EmployeePage extends Report<
  { employeeId: number },
  {
    employee: Employee
    file: EmployeeFileData
    jobReferences: JobReferenceRow[]
    sessions: Array<{ id: number; start_date: Date; title: string }>
    programmes: Array<{ id: number; name: string }>
  }
> {
  async build() {
    const organisationId = this.tenant.organisationId
    const employee = await Employee.findOrFail(this.params.employeeId)
    const file = await new EmployeeFile(this.tenant, { employeeId: employee.id }).build()
    const jobReferences: JobReferenceRow[] = await db
      .from('job_references')
      .where('organisation_id', organisationId)
      .orderBy('position')
    const sessions = await db
      .from('training_sessions as s')
      .join('training_actions as a', 'a.id', 's.training_action_id')
      .where('s.organisation_id', organisationId)
      .whereNull('s.cancelled_at')
      .whereNull('a.cancelled_at')
      .orderBy('s.start_date', 'desc')
      .limit(200)
      .select('s.id', 's.start_date', 'a.title')
    const programmes = await db
      .from('programmes')
      .where('organisation_id', organisationId)
      .orderBy('position')
      .select('id', 'name')
    return { employee, file, jobReferences, sessions, programmes }
  }
}
