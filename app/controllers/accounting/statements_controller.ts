import type { HttpContext } from '@adonisjs/core/http'
import { BalanceSheet, IncomeStatement } from '#reports/accounting/statements'
import { balanceSheetWorkbook, incomeStatementWorkbook } from '#exports/accounting/statements'
import { xlsxHeaders } from '#http/accounting_ledger'
import {
  buildStatement,
  statementCrumbs as crumbs,
  statementFilters,
  statementOptions,
  statementOrMissing,
} from '#controllers/accounting/statement_params'

/** Compte de résultat, bilan, print view and their workbooks (a line's detail: StatementLines). */
export default class StatementsController {
  async income(ctx: HttpContext) {
    const report = await statementOrMissing(ctx, 'income')
    if (!report) return
    return ctx.view.render('pages/accounting/statements/income', {
      report,
      incomeReport: report,
      routeName: 'accounting.statements.income',
      withBudget: true,
      filters: await statementFilters(ctx),
      breadcrumbs: crumbs('Compte de résultat'),
    })
  }

  async incomeExport(ctx: HttpContext) {
    const report = await buildStatement(ctx, 'income')
    xlsxHeaders(ctx.response, `compte-de-resultat-${report.fiscalYear.endDate.slice(0, 4)}.xlsx`)
    return ctx.response.send(await incomeStatementWorkbook(report))
  }

  async balance(ctx: HttpContext) {
    const report = await statementOrMissing(ctx, 'balance')
    if (!report) return
    return ctx.view.render('pages/accounting/statements/balance', {
      report,
      balanceReport: report,
      totals: BalanceSheet.totals(report),
      routeName: 'accounting.statements.balance',
      withBudget: false,
      filters: await statementFilters(ctx),
      breadcrumbs: crumbs('Bilan'),
    })
  }

  async balanceExport(ctx: HttpContext) {
    const report = await buildStatement(ctx, 'balance')
    xlsxHeaders(ctx.response, `bilan-${report.fiscalYear.endDate.slice(0, 4)}.xlsx`)
    return ctx.response.send(await balanceSheetWorkbook(report))
  }

  /** Board pack: both statements on one printable page. */
  async print(ctx: HttpContext) {
    const params = await statementOptions(ctx)
    const income = await new IncomeStatement(ctx.tenant!, params).build()
    const balance = await new BalanceSheet(ctx.tenant!, params).build()
    return ctx.view.render('pages/accounting/statements/print', {
      income,
      balance,
      incomeReport: income,
      balanceReport: balance,
      totals: BalanceSheet.totals(balance),
      breadcrumbs: crumbs('Liasse imprimable'),
    })
  }
}
