import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Employee from '#models/hr/employee'
import { employeeValidator, contractValidator } from '#validators/hr'
import { createEmployee, addContract } from '#actions/hr/register'
import {
  employeeList,
  employeeFile,
  EMPLOYEE_COLUMNS,
  gdprWorkbook,
} from '#reports/hr/employee_file'
import { buildWorkbook } from '#support/spreadsheet/writer'

const day = (d: Date) => DateTime.fromJSDate(d).toISODate()!
const crumbs = (label?: string) => [
  { label: 'Ressources humaines', href: '/rh' },
  { label: 'Salariés', href: label ? '/rh/salaries' : undefined },
  ...(label ? [{ label }] : []),
]

/** Personal files (hr.personal to read, hr.write to change). */
export default class EmployeesController {
  async index({ view, auth }: HttpContext) {
    const employees = await employeeList(auth.user!.organisationId)
    const jobReferences = await db
      .from('job_references')
      .where('organisation_id', auth.user!.organisationId)
      .orderBy('position')
    return view.render('pages/hr/employees/index', {
      employees,
      jobReferences,
      breadcrumbs: crumbs(),
    })
  }

  async export({ response, auth }: HttpContext) {
    const employees = await employeeList(auth.user!.organisationId)
    return sendWorkbook(
      response,
      'salaries.xlsx',
      await buildWorkbook([{ name: 'Salariés', columns: EMPLOYEE_COLUMNS, rows: employees }])
    )
  }

  async show({ params, view, auth }: HttpContext) {
    const employee = await Employee.findOrFail(params.id)
    const file = await employeeFile(auth.user!.organisationId, employee.id)
    const jobReferences = await db
      .from('job_references')
      .where('organisation_id', auth.user!.organisationId)
      .orderBy('position')
    const sessions = await db
      .from('training_sessions as s')
      .join('training_actions as a', 'a.id', 's.training_action_id')
      .where('s.organisation_id', auth.user!.organisationId)
      .orderBy('s.start_date', 'desc')
      .limit(200)
      .select('s.id', 's.start_date', 'a.title')
    const programmes = await db
      .from('programmes')
      .where('organisation_id', auth.user!.organisationId)
      .orderBy('position')
      .select('id', 'name')
    return view.render('pages/hr/employees/show', {
      sessions,
      programmes,
      employee,
      file,
      jobReferences,
      breadcrumbs: crumbs(`${employee.surname} ${employee.firstNames}`),
    })
  }

  async store({ request, response, session, auth }: HttpContext) {
    const identity = await request.validateUsing(employeeValidator)
    const contract = await request.validateUsing(contractValidator)
    const employee = await db.transaction(async (trx) => {
      const created = await createEmployee(
        auth.user!.organisationId,
        { ...identity, birthDate: day(identity.birthDate) },
        trx
      )
      await addContract(
        created.id,
        {
          ...contract,
          startDate: day(contract.startDate),
          endDate: contract.endDate ? day(contract.endDate) : null,
        },
        trx
      )
      return created
    })
    session.flash('success', 'Salarié enregistré.')
    return response.redirect(`/rh/salaries/${employee.id}`)
  }

  /** GDPR access request: everything the register holds about one person. */
  async gdprExport({ params, response, auth }: HttpContext) {
    const employee = await Employee.findOrFail(params.id)
    const file = await employeeFile(auth.user!.organisationId, employee.id)
    return sendWorkbook(
      response,
      `donnees-personnelles-${employee.id}.xlsx`,
      await gdprWorkbook(employee, file)
    )
  }
}
