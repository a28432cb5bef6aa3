import type { HttpContext } from '@adonisjs/core/http'
import { HR_OPTIONS, SALARY_EVENT_KINDS } from '#vocabulary/hr'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { sendWorkbook } from '#http/downloads'
import { employeeValidator, contractValidator } from '#validators/hr'
import HireEmployee from '#actions/hr/hire_employee'
import EmployeeDirectory, { staffListState } from '#reports/hr/employee_directory'
import EmployeePage from '#reports/hr/employee_page'
import { employeesWorkbook, gdprWorkbook } from '#exports/hr/employees'

const crumbs = (label?: string) => [
  { label: 'Ressources humaines', href: urlFor('hr.home') },
  { label: 'Salariés', href: label ? urlFor('hr.personal.employees') : undefined },
  ...(label ? [{ label }] : []),
]

/** Personal files (hr.personal to read, hr.write to change). */
export default class EmployeesController {
  async index({ view, tenant, request }: HttpContext) {
    const table = staffListState(request.qs())
    const list = await new EmployeeDirectory(tenant!, { table, paginate: true }).build()
    return view.render('pages/hr/employees/index', {
      ...list,
      options: HR_OPTIONS,
      breadcrumbs: crumbs(),
    })
  }

  async export({ response, tenant, request }: HttpContext) {
    const table = staffListState(request.qs())
    const { employees } = await new EmployeeDirectory(tenant!, { table, paginate: false }).build()
    return sendWorkbook(response, 'salaries.xlsx', await employeesWorkbook(employees))
  }

  async show({ params, view, tenant }: HttpContext) {
    const page = await new EmployeePage(tenant!, { employeeId: params.id }).build()
    return view.render('pages/hr/employees/show', {
      ...page,
      options: HR_OPTIONS,
      salaryEventKinds: SALARY_EVENT_KINDS,
      breadcrumbs: crumbs(`${page.employee.surname} ${page.employee.firstNames}`),
    })
  }

  async store({ request, response, session, tenant }: HttpContext) {
    const identity = await request.validateUsing(employeeValidator)
    const contract = await request.validateUsing(contractValidator)
    const employee = await HireEmployee.handle(tenant!, { identity, contract })
    session.flash('success', 'Salarié enregistré.')
    return response.redirect().toRoute('hr.personal.employees.show', { id: employee.id })
  }

  /** GDPR access request: everything the register holds about one person. */
  async gdprExport({ params, response, tenant }: HttpContext) {
    const { employee, file } = await new EmployeePage(tenant!, { employeeId: params.id }).build()
    return sendWorkbook(
      response,
      `donnees-personnelles-${employee.id}.xlsx`,
      await gdprWorkbook(employee, file)
    )
  }
}
