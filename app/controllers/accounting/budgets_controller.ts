import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { budgetValidator, budgetAmountsValidator } from '#validators/accounting_statements'
import CreateBudget from '#actions/accounting/create_budget'
import SetBudgetAmounts from '#actions/accounting/set_budget_amounts'
import { BudgetList, BudgetPage } from '#reports/accounting/budgets'
import { incomeStatementWorkbook } from '#exports/accounting/statements'
import { xlsxHeaders } from '#http/accounting_ledger'
import { BUDGET_STATUSES, BUDGET_VERSION_KINDS } from '#vocabulary/accounting'

export const budgetCrumbs = (label?: string) => [
  { label: 'Comptabilité', href: urlFor('accounting.home') },
  { label: 'Budgets', href: label ? urlFor('accounting.budgets.index') : undefined },
  ...(label ? [{ label }] : []),
]

const vocabulary = { BUDGET_STATUSES, BUDGET_VERSION_KINDS }

/** Budgets: list and creation, one budget with its amounts, its workbook. */
export default class BudgetsController {
  async index({ view, tenant }: HttpContext) {
    const { budgets, years } = await new BudgetList(tenant!, {}).build()
    return view.render('pages/accounting/budgets/index', {
      ...vocabulary,
      budgets,
      years,
      breadcrumbs: budgetCrumbs(),
    })
  }

  async store({ request, response, tenant, session }: HttpContext) {
    const payload = await request.validateUsing(budgetValidator)
    const budget = await CreateBudget.handle(tenant!, payload)
    session.flash('success', 'Budget créé : saisissez ou importez ses montants.')
    return response.redirect().toRoute('accounting.budgets.show', { id: budget.id })
  }

  async show({ params, view, tenant }: HttpContext) {
    const { budget, report, lines } = await new BudgetPage(tenant!, {
      id: Number(params.id),
    }).build()
    return view.render('pages/accounting/budgets/show', {
      ...vocabulary,
      budget,
      report,
      incomeReport: report,
      lines,
      amounts: new Map(report.rows.map((r) => [r.code, r.budget])),
      breadcrumbs: budgetCrumbs(budget.label),
    })
  }

  async export({ params, response, tenant }: HttpContext) {
    const { budget, report } = await new BudgetPage(tenant!, { id: Number(params.id) }).build()
    xlsxHeaders(response, `budget-${budget.id}.xlsx`)
    return response.send(await incomeStatementWorkbook(report))
  }

  async update({ params, request, response, tenant, session }: HttpContext) {
    const payload = await request.validateUsing(budgetAmountsValidator)
    await SetBudgetAmounts.handle(tenant!, { id: Number(params.id), ...payload })
    session.flash('success', 'Montants enregistrés.')
    return response.redirect().toRoute('accounting.budgets.show', { id: params.id })
  }
}
