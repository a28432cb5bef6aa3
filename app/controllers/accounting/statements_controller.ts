import type { HttpContext } from '@adonisjs/core/http'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { IncomeStatement, BalanceSheet, StatementNotFound } from '#reports/accounting/statements'
import {
  incomeStatementSheet,
  balanceSheetSheets,
  lineAccountsSheet,
} from '#exports/accounting/statements'
import { statementOptions, statementFilters } from '#controllers/accounting/statement_params'
import { NotFoundError } from '#support/domain_errors'

const KINDS = new Set(['compte-de-resultat', 'bilan'])

const crumbs = (label: string) => [
  { label: 'Comptabilité', href: '/comptabilite' },
  { label: 'États financiers', href: '/comptabilite/etats' },
  { label },
]

async function send(
  response: HttpContext['response'],
  name: string,
  sheets: Parameters<typeof buildWorkbook>[0]
) {
  response.header(
    'Content-Type',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  )
  response.header('Content-Disposition', `attachment; filename="${name}"`)
  return response.send(await buildWorkbook(sheets))
}

/** Compte de résultat, bilan, drill-down of a line to its accounts, print view and Excel. */
export default class StatementsController {
  async income(ctx: HttpContext) {
    const report = await this.build(ctx, 'income')
    if (!report) return
    return ctx.view.render('pages/accounting/statements/income', {
      report,
      incomeReport: report,
      action: '/comptabilite/etats/compte-de-resultat',
      withBudget: true,
      filters: await statementFilters(ctx),
      breadcrumbs: crumbs('Compte de résultat'),
    })
  }

  async incomeExport(ctx: HttpContext) {
    const report = await IncomeStatement.build(await statementOptions(ctx))
    return send(ctx.response, `compte-de-resultat-${report.fiscalYear.endDate.slice(0, 4)}.xlsx`, [
      incomeStatementSheet(report),
    ])
  }

  async balance(ctx: HttpContext) {
    const report = await this.build(ctx, 'balance')
    if (!report) return
    const totals = BalanceSheet.totals(report)
    return ctx.view.render('pages/accounting/statements/balance', {
      report,
      balanceReport: report,
      totals,
      action: '/comptabilite/etats/bilan',
      withBudget: false,
      filters: await statementFilters(ctx),
      breadcrumbs: crumbs('Bilan'),
    })
  }

  async balanceExport(ctx: HttpContext) {
    const report = await BalanceSheet.build(await statementOptions(ctx))
    return send(
      ctx.response,
      `bilan-${report.fiscalYear.endDate.slice(0, 4)}.xlsx`,
      balanceSheetSheets(report)
    )
  }

  /** Board pack: both statements on one printable page. */
  async print(ctx: HttpContext) {
    const options = await statementOptions(ctx)
    const income = await IncomeStatement.build(options)
    const balance = await BalanceSheet.build(options)
    return ctx.view.render('pages/accounting/statements/print', {
      income,
      balance,
      incomeReport: income,
      balanceReport: balance,
      totals: BalanceSheet.totals(balance),
      breadcrumbs: crumbs('Liasse imprimable'),
    })
  }

  async line(ctx: HttpContext) {
    if (!KINDS.has(ctx.params.kind)) throw new NotFoundError('État financier inconnu.')
    const report = await this.build(ctx, ctx.params.kind === 'bilan' ? 'balance' : 'income')
    if (!report) return
    const line = report.rows.find((r) => r.code === ctx.params.code)
    if (!line) throw new NotFoundError('Ligne inconnue.')
    return ctx.view.render('pages/accounting/statements/line', {
      report,
      line,
      kind: ctx.params.kind,
      query: ctx.request.qs(),
      breadcrumbs: crumbs(line.label),
    })
  }

  async lineExport(ctx: HttpContext) {
    if (!KINDS.has(ctx.params.kind)) throw new NotFoundError('État financier inconnu.')
    const options = await statementOptions(ctx)
    const report =
      ctx.params.kind === 'bilan'
        ? await BalanceSheet.build(options)
        : await IncomeStatement.build(options)
    return send(
      ctx.response,
      `ligne-${ctx.params.code}-${report.fiscalYear.endDate.slice(0, 4)}.xlsx`,
      [lineAccountsSheet(report, ctx.params.code)]
    )
  }

  private async build(ctx: HttpContext, kind: 'income' | 'balance') {
    try {
      const options = await statementOptions(ctx)
      return kind === 'income'
        ? await IncomeStatement.build(options)
        : await BalanceSheet.build(options)
    } catch (error) {
      if (!(error instanceof StatementNotFound)) throw error
      ctx.response.status(404)
      await ctx.view
        .render('pages/accounting/statements/missing', {
          message: error.message,
          breadcrumbs: crumbs('États financiers'),
        })
        .then((html) => ctx.response.send(html))
      return null
    }
  }
}
