import type { HttpContext } from '@adonisjs/core/http'
import { payComponentCancelValidator, payComponentValidator } from '#validators/hr'
import AddPayComponent from '#actions/hr/add_pay_component'
import CancelPayComponent from '#actions/hr/cancel_pay_component'

/** Pay components of a personal file (hr.write): added, or cancelled with a reason. */
export default class PayComponentsController {
  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(payComponentValidator)
    const component = await AddPayComponent.handle(ctx.tenant!, {
      ...input,
      employeeId: ctx.params.id,
    })
    ctx.session.flash('success', 'Élément de paie enregistré.')
    return ctx.response
      .redirect()
      .toRoute('hr.personal.employees.show', { id: component.employeeId })
  }

  async cancel(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(payComponentCancelValidator)
    const component = await CancelPayComponent.handle(ctx.tenant!, {
      ...input,
      componentId: ctx.params.id,
    })
    ctx.session.flash('success', 'Élément de paie annulé : il reste affiché, barré.')
    return ctx.response
      .redirect()
      .toRoute('hr.personal.employees.show', { id: component.employeeId })
  }
}
