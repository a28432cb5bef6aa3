import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import {
  EMPLOYEE_SORTS,
  EmployeeList,
  type EmployeeListRow,
  type StaffTotals,
} from '#reports/hr/employee_file'
import { tableState, type TableState } from '#support/table_query'

export interface JobReferenceRow {
  id: number
  code: string
  label: string
  default_csp: string | null
  position: number
}

/** Employees per page of the staff list (the workbook has every one the search keeps). */
export const STAFF_PAGE_SIZE = 50

/** The staff list's search, sort and page, parsed once from its query string. */
export function staffListState(qs: Record<string, unknown>) {
  return tableState(qs, EMPLOYEE_SORTS, { sort: 'presence', direction: 'desc' })
}

export interface EmployeeDirectoryResult {
  employees: EmployeeListRow[]
  jobReferences: JobReferenceRow[]
  table: TableState & { column: string }
  totals: StaffTotals
  pager: { page: number; lastPage: number; total: number }
}

/**
 * The staff list (present employees first by default), searched, sorted and paged in SQL with
 * the totals of every employee the search keeps, and the job references offered by the hiring
 * form (hr.personal). `paginate: false`: every employee the search keeps (the workbook).
 */
export default class EmployeeDirectory extends Report<
  { table: TableState & { column: string }; paginate: boolean },
  EmployeeDirectoryResult
> {
  async build() {
    const { table, paginate } = this.params
    const organisationId = this.tenant.organisationId
    const first = await new EmployeeList(this.tenant, {
      table,
      ...(paginate ? { limit: STAFF_PAGE_SIZE, offset: (table.page - 1) * STAFF_PAGE_SIZE } : {}),
    }).build()
    const lastPage = Math.max(1, Math.ceil(first.totals.count / STAFF_PAGE_SIZE))
    // A page past the last (a search narrowed the list): the last page instead.
    const page = paginate ? Math.min(table.page, lastPage) : 1
    const { rows, totals } =
      paginate && page !== table.page
        ? await new EmployeeList(this.tenant, {
            table,
            limit: STAFF_PAGE_SIZE,
            offset: (page - 1) * STAFF_PAGE_SIZE,
          }).build()
        : first
    const jobReferences: JobReferenceRow[] = await db
      .from('job_references')
      .where('organisation_id', organisationId)
      .orderBy('position')
    return {
      employees: rows,
      jobReferences,
      table: { ...table, page },
      totals,
      pager: { page, lastPage: paginate ? lastPage : 1, total: totals.count },
    }
  }
}
