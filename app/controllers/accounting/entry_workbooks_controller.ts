import type { HttpContext } from '@adonisjs/core/http'
import { PassThrough } from 'node:stream'
import { EntryPage } from '#reports/accounting/journal'
import { LedgerLines } from '#reports/accounting/ledger_lines'
import { entryWorkbook, streamLedgerLinesWorkbook } from '#exports/accounting/ledger_export'
import { ledgerFilters, refusesPayrollEntry, xlsxHeaders } from '#http/accounting_ledger'

/** The journal's lines and one entry's lines as Excel workbooks. */
export default class EntryWorkbooksController {
  async index(ctx: HttpContext) {
    const { filters } = await ledgerFilters(ctx)
    const { lines } = await new LedgerLines(ctx.tenant!, { filters }).build()
    const output = new PassThrough()
    streamLedgerLinesWorkbook(output, lines).catch((error) => output.destroy(error))
    xlsxHeaders(ctx.response, 'ecritures.xlsx')
    return ctx.response.stream(output)
  }

  async show(ctx: HttpContext) {
    if (await refusesPayrollEntry(ctx)) return
    const { entry, lines } = await new EntryPage(ctx.tenant!, { id: Number(ctx.params.id) }).build()
    const number = entry.number ?? 'brouillon-' + entry.id
    xlsxHeaders(ctx.response, `ecriture-${entry.journal_code}-${number}.xlsx`)
    return ctx.response.send(await entryWorkbook(lines))
  }
}
