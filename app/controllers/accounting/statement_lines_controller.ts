import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#support/domain_errors'
import { lineAccountsWorkbook } from '#exports/accounting/statements'
import { xlsxHeaders } from '#http/accounting_ledger'
import {
  buildStatement,
  statementCrumbs,
  statementOrMissing,
} from '#controllers/accounting/statement_params'
import { STATEMENT_SLUGS } from '#vocabulary/accounting'

/** The statement a URL's :kind names, or a 404. */
function kindOf(slug: string) {
  if (!Object.hasOwn(STATEMENT_SLUGS, slug)) throw new NotFoundError('État financier inconnu.')
  return slug === 'bilan' ? 'balance' : 'income'
}

/** One line of a statement with the accounts it adds up, and their workbook. */
export default class StatementLinesController {
  async show(ctx: HttpContext) {
    const report = await statementOrMissing(ctx, kindOf(ctx.params.kind))
    if (!report) return
    const line = report.rows.find((r) => r.code === ctx.params.code)
    if (!line) throw new NotFoundError('Ligne inconnue.')
    return ctx.view.render('pages/accounting/statements/line', {
      report,
      line,
      kind: ctx.params.kind,
      query: ctx.request.qs(),
      breadcrumbs: statementCrumbs(line.label),
    })
  }

  async export(ctx: HttpContext) {
    const report = await buildStatement(ctx, kindOf(ctx.params.kind))
    const year = report.fiscalYear.endDate.slice(0, 4)
    xlsxHeaders(ctx.response, `ligne-${ctx.params.code}-${year}.xlsx`)
    return ctx.response.send(await lineAccountsWorkbook(report, ctx.params.code))
  }
}
