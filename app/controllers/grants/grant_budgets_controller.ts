import type { HttpContext } from '@adonisjs/core/http'
import { GrantBudget } from '#reports/grants/grant_budget'
import AddBudgetLine from '#actions/grants/add_budget_line'
import UpdateBudgetLine from '#actions/grants/update_budget_line'
import DeleteBudgetLine from '#actions/grants/delete_budget_line'
import { budgetAmountValidator, budgetLineValidator } from '#validators/grants'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { grantBudgetSheets } from '#exports/grants/budget'
import { toConvention } from '#controllers/grants/correction_pages'

/**
 * A convention's cost budget by nature and by programme against its actual costs: its lines
 * are entered on the convention's page; here its print view, its workbook and its writes.
 */
export default class GrantBudgetsController {
  async print({ params, tenant, view }: HttpContext) {
    const budget = await new GrantBudget(tenant!, { grantId: Number(params.id) }).build()
    return view.render('pages/grants/budget/print', { budget, breadcrumbs: [] })
  }

  async export({ params, tenant, response }: HttpContext) {
    const budget = await new GrantBudget(tenant!, { grantId: Number(params.id) }).build()
    return sendWorkbook(
      response,
      `budget-${budget.grant.reference}.xlsx`,
      await buildWorkbook(grantBudgetSheets(budget))
    )
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(budgetLineValidator)
    const line = await AddBudgetLine.handle(ctx.tenant!, {
      ...input,
      grantId: Number(ctx.params.id),
    })
    return toConvention(ctx, line.grantId, 'Ligne de budget ajoutée.')
  }

  async update(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(budgetAmountValidator)
    const line = await UpdateBudgetLine.handle(ctx.tenant!, { ...input, id: Number(ctx.params.id) })
    return toConvention(ctx, line.grantId, 'Ligne de budget modifiée.')
  }

  async destroy(ctx: HttpContext) {
    const line = await DeleteBudgetLine.handle(ctx.tenant!, { id: Number(ctx.params.id) })
    return toConvention(ctx, line.grantId, 'Ligne de budget supprimée.')
  }
}
