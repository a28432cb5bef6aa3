import type { HttpContext } from '@adonisjs/core/http'
import EnsureStatementLayouts from '#actions/accounting/ensure_statement_layouts'
import { BalanceSheet, IncomeStatement, statementToJson } from '#reports/accounting/statements'
import { apiStatementValidator } from '#validators/api'
import { fiscalYearOf } from '#http/api/years'
import { presentFiscalYear } from '#http/api/present'

/**
 * GET /api/v1/compte-de-resultat and /api/v1/bilan?annee=2023[&presentation=]: the statements
 * the pages show (same report objects), as `node ace statements:export` writes them.
 */
export default class ApiStatementsController {
  async income(ctx: HttpContext) {
    const { year, params } = await this.#params(ctx)
    const report = await new IncomeStatement(ctx.tenant!, params).build()
    return { ...statementToJson(report), fiscal_year: presentFiscalYear(year) }
  }

  async balance(ctx: HttpContext) {
    const { year, params } = await this.#params(ctx)
    const report = await new BalanceSheet(ctx.tenant!, params).build()
    return {
      ...statementToJson(report),
      fiscal_year: presentFiscalYear(year),
      balanced: BalanceSheet.totals(report).balanced,
    }
  }

  async #params({ request, tenant }: HttpContext) {
    const { annee, presentation } = await apiStatementValidator.validate(request.qs())
    const year = await fiscalYearOf(tenant!, annee)
    // As the statement pages do: an organisation created before layouts existed gets them.
    await EnsureStatementLayouts.handle(tenant!)
    return { year, params: { fiscalYearId: year.id, layoutCode: presentation ?? 'rapport-annuel' } }
  }
}
