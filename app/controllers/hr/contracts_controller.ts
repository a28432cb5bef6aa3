import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Employee from '#models/hr/employee'
import Contract from '#models/hr/contract'
import {
  contractValidator,
  contractEndValidator,
  salaryEventValidator,
  leaveValidator,
  allocationValidator,
} from '#validators/hr'
import Leave from '#models/hr/leave'
import {
  addContract,
  endContract,
  addSalaryEvent,
  correctContract,
  setAllocation,
} from '#actions/hr/register'

const day = (d: Date) => DateTime.fromJSDate(d).toISODate()!

/** Contract and salary events of the register: every change is a new line (hr.write). */
export default class ContractsController {
  private async attempt(
    ctx: HttpContext,
    back: string,
    work: () => Promise<unknown>,
    done: string
  ) {
    await work()
    ctx.session.flash('success', done)
    return ctx.response.redirect(back)
  }

  async store(ctx: HttpContext) {
    const employee = await Employee.findOrFail(ctx.params.id)
    const payload = await ctx.request.validateUsing(contractValidator)
    return this.attempt(
      ctx,
      `/rh/salaries/${employee.id}`,
      () =>
        db.transaction((trx) =>
          addContract(
            employee.id,
            {
              ...payload,
              startDate: day(payload.startDate),
              endDate: payload.endDate ? day(payload.endDate) : null,
            },
            trx
          )
        ),
      'Contrat ajouté au registre.'
    )
  }

  async correct(ctx: HttpContext) {
    const contract = await Contract.findOrFail(ctx.params.id)
    const payload = await ctx.request.validateUsing(contractValidator)
    return this.attempt(
      ctx,
      `/rh/salaries/${contract.employeeId}`,
      () =>
        correctContract(contract.id, {
          ...payload,
          startDate: day(payload.startDate),
          endDate: payload.endDate ? day(payload.endDate) : null,
        }),
      'Contrat corrigé : la correction est une nouvelle ligne du registre.'
    )
  }

  async end(ctx: HttpContext) {
    const contract = await Contract.findOrFail(ctx.params.id)
    const payload = await ctx.request.validateUsing(contractEndValidator)
    return this.attempt(
      ctx,
      `/rh/salaries/${contract.employeeId}`,
      () => endContract(contract.id, day(payload.endDate), payload.endReason),
      'Fin de contrat enregistrée.'
    )
  }

  async salary(ctx: HttpContext) {
    const employee = await Employee.findOrFail(ctx.params.id)
    const payload = await ctx.request.validateUsing(salaryEventValidator)
    return this.attempt(
      ctx,
      `/rh/salaries/${employee.id}`,
      () => addSalaryEvent(employee.id, { ...payload, effectiveDate: day(payload.effectiveDate) }),
      'Événement de salaire enregistré.'
    )
  }

  async leave(ctx: HttpContext) {
    const employee = await Employee.findOrFail(ctx.params.id)
    const payload = await ctx.request.validateUsing(leaveValidator)
    return this.attempt(
      ctx,
      `/rh/salaries/${employee.id}`,
      () =>
        db.transaction((trx) =>
          Leave.create(
            {
              employeeId: employee.id,
              kind: payload.kind,
              startDate: DateTime.fromJSDate(payload.startDate),
              endDate: DateTime.fromJSDate(payload.endDate),
            } as any,
            { client: trx }
          )
        ),
      'Congé enregistré.'
    )
  }

  async allocate(ctx: HttpContext) {
    const employee = await Employee.findOrFail(ctx.params.id)
    const p = await ctx.request.validateUsing(allocationValidator)
    const month = DateTime.fromJSDate(p.month).startOf('month').toISODate()!
    return this.attempt(
      ctx,
      `/rh/salaries/${employee.id}`,
      () =>
        setAllocation(
          employee.organisationId,
          employee.id,
          p.programmeId,
          month,
          (p.sharePercent / 100).toFixed(4)
        ),
      'Temps affecté enregistré.'
    )
  }
}
