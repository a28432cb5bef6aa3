import type { HttpContext } from '@adonisjs/core/http'
import { PassThrough } from 'node:stream'
import { GeneralLedgerPage } from '#reports/accounting/general_ledger'
import { streamGeneralLedgerWorkbook } from '#exports/accounting/ledger_export'
import { ledgerFilters, xlsxHeaders } from '#controllers/accounting/ledger_params'
import { ledgerCrumbs } from '#controllers/accounting/ledger_controller'

/** Grand livre: one account's lines at a time on screen, every account in the workbook. */
export default class GeneralLedgerController {
  async index(ctx: HttpContext) {
    const { filters, form, query, years, journals } = await ledgerFilters(ctx)
    const page = await new GeneralLedgerPage(ctx.tenant!, filters).build()
    return ctx.view.render('pages/accounting/ledger/general_ledger', {
      ...page,
      form,
      query,
      years,
      journals,
      breadcrumbs: ledgerCrumbs('Grand livre'),
    })
  }

  async export(ctx: HttpContext) {
    const { filters } = await ledgerFilters(ctx)
    const output = new PassThrough()
    streamGeneralLedgerWorkbook(output, ctx.tenant!.organisationId, filters).catch((error) =>
      output.destroy(error)
    )
    xlsxHeaders(ctx.response, 'grand-livre.xlsx')
    return ctx.response.stream(output)
  }
}
