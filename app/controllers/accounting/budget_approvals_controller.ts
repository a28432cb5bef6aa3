import type { HttpContext } from '@adonisjs/core/http'
import ApproveBudget from '#actions/accounting/approve_budget'

/** POST /comptabilite/budgets/:id/approbation: a draft budget is approved and frozen. */
export default class BudgetApprovalsController {
  async store({ params, response, tenant, session }: HttpContext) {
    await ApproveBudget.handle(tenant!, { id: Number(params.id) })
    session.flash('success', 'Budget approuvé.')
    return response.redirect().toRoute('accounting.budgets.show', { id: params.id })
  }
}
