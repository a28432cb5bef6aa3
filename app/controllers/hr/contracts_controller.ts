import type { HttpContext } from '@adonisjs/core/http'
import {
  contractValidator,
  contractEndValidator,
  salaryEventValidator,
  leaveValidator,
  allocationValidator,
} from '#validators/hr'
import AddContract from '#actions/hr/add_contract'
import CorrectContract from '#actions/hr/correct_contract'
import EndContract from '#actions/hr/end_contract'
import AddSalaryEvent from '#actions/hr/add_salary_event'
import RecordLeave from '#actions/hr/record_leave'
import AllocateTime from '#actions/hr/allocate_time'

const toFile = (ctx: HttpContext, employeeId: number, done: string) => {
  ctx.session.flash('success', done)
  return ctx.response.redirect().toRoute('hr.personal.employees.show', { id: employeeId })
}

/** Contract and salary events of the register: every change is a new line (hr.write). */
export default class ContractsController {
  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(contractValidator)
    const contract = await AddContract.handle(ctx.tenant!, { ...input, employeeId: ctx.params.id })
    return toFile(ctx, contract.employeeId, 'Contrat ajouté au registre.')
  }

  async correct(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(contractValidator)
    const contract = await CorrectContract.handle(ctx.tenant!, {
      ...input,
      contractId: ctx.params.id,
    })
    return toFile(
      ctx,
      contract.employeeId,
      'Contrat corrigé : la correction est une nouvelle ligne du registre.'
    )
  }

  async end(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(contractEndValidator)
    const contract = await EndContract.handle(ctx.tenant!, { ...input, contractId: ctx.params.id })
    return toFile(ctx, contract.employeeId, 'Fin de contrat enregistrée.')
  }

  async salary(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(salaryEventValidator)
    const event = await AddSalaryEvent.handle(ctx.tenant!, { ...input, employeeId: ctx.params.id })
    return toFile(ctx, event.employeeId, 'Événement de salaire enregistré.')
  }

  async leave(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(leaveValidator)
    const leave = await RecordLeave.handle(ctx.tenant!, { ...input, employeeId: ctx.params.id })
    return toFile(ctx, leave.employeeId, 'Congé enregistré.')
  }

  async allocate(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(allocationValidator)
    await AllocateTime.handle(ctx.tenant!, { ...input, employeeId: ctx.params.id })
    return toFile(ctx, ctx.params.id, 'Temps affecté enregistré.')
  }
}
