import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { employeeList } from '#reports/hr/employee_file'

export interface JobReferenceRow {
  id: number
  code: string
  label: string
  default_csp: string | null
  position: number
}

/** The staff list with the job references offered by the hiring form (hr.personal). */
export default class EmployeeDirectory extends Report<
  Record<string, never>,
  {
    employees: Awaited<ReturnType<typeof employeeList>>
    jobReferences: JobReferenceRow[]
  }
> {
  async build() {
    const organisationId = this.tenant.organisationId
    const employees = await employeeList(organisationId)
    const jobReferences: JobReferenceRow[] = await db
      .from('job_references')
      .where('organisation_id', organisationId)
      .orderBy('position')
    return { employees, jobReferences }
  }
}
