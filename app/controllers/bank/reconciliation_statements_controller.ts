import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { ReconciliationStatement } from '#reports/bank/reconciliation_statement'
import { reconciliationSheets } from '#exports/bank/sheets'
import { reconciliationDateValidator } from '#validators/bank'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'

/** The bank reconciliation statement (état de rapprochement) at a date: page, print, workbook. */
export default class ReconciliationStatementsController {
  private async statement({ params, request, tenant }: HttpContext) {
    const { date } = await reconciliationDateValidator.validate(request.qs())
    return new ReconciliationStatement(tenant!, {
      bankAccountId: Number(params.id),
      date: date ?? null,
    }).build()
  }

  async show(ctx: HttpContext) {
    const statement = await this.statement(ctx)
    return ctx.view.render('pages/bank/statement', {
      statement,
      breadcrumbs: [
        { label: 'Banque', href: urlFor('bank.accounts.index') },
        {
          label: statement.account.name,
          href: urlFor('bank.accounts.show', { id: statement.account.id }),
        },
        { label: 'État de rapprochement' },
      ],
    })
  }

  async print(ctx: HttpContext) {
    const statement = await this.statement(ctx)
    return ctx.view.render('pages/bank/statement_print', { statement, breadcrumbs: [] })
  }

  async export(ctx: HttpContext) {
    const statement = await this.statement(ctx)
    return sendWorkbook(
      ctx.response,
      `etat-de-rapprochement-${statement.account.name}-${statement.date}.xlsx`,
      buildWorkbook(reconciliationSheets(statement))
    )
  }
}
