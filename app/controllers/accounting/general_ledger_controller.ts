import type { HttpContext } from '@adonisjs/core/http'
import { PassThrough } from 'node:stream'
import {
  GENERAL_LEDGER_SORTS,
  GeneralLedgerLines,
  GeneralLedgerPage,
  PRINT_MAX_LINES,
} from '#reports/accounting/general_ledger'
import { streamGeneralLedgerWorkbook } from '#exports/accounting/ledger_export'
import { ledgerFilters, xlsxHeaders } from '#http/accounting_ledger'
import { ledgerCrumbs } from '#controllers/accounting/ledger_controller'
import { tableState } from '#support/table_query'

/**
 * Grand livre: one account's lines at a time on screen (searched, sorted, paged, totalled in
 * SQL), every line the filters and the search keep in the workbook.
 */
export default class GeneralLedgerController {
  async index(ctx: HttpContext) {
    const { filters, form, query, years, journals } = await ledgerFilters(ctx)
    const state = tableState(ctx.request.qs(), GENERAL_LEDGER_SORTS, { sort: 'date' })
    const page = await new GeneralLedgerPage(ctx.tenant!, { filters, state }).build()
    return ctx.view.render('pages/accounting/ledger/general_ledger', {
      ...page,
      form,
      query,
      years,
      journals,
      breadcrumbs: ledgerCrumbs('Grand livre'),
    })
  }

  /** Printable version: every line of the account (filters and search kept) on one page. */
  async print(ctx: HttpContext) {
    const { filters, form, years } = await ledgerFilters(ctx)
    const state = tableState(ctx.request.qs(), GENERAL_LEDGER_SORTS, { sort: 'date' })
    const page = await new GeneralLedgerPage(ctx.tenant!, { filters, state, print: true }).build()
    return ctx.view.render('pages/accounting/ledger/general_ledger_print', {
      ...page,
      form,
      years,
      maxLines: PRINT_MAX_LINES,
      breadcrumbs: ledgerCrumbs('Grand livre imprimable'),
    })
  }

  async export(ctx: HttpContext) {
    const { filters } = await ledgerFilters(ctx)
    const { search } = tableState(ctx.request.qs(), GENERAL_LEDGER_SORTS, { sort: 'date' })
    const { lines } = await new GeneralLedgerLines(ctx.tenant!, { ...filters, search }).build()
    const output = new PassThrough()
    streamGeneralLedgerWorkbook(output, lines).catch((error) => output.destroy(error))
    xlsxHeaders(ctx.response, 'grand-livre.xlsx')
    return ctx.response.stream(output)
  }
}
