import type { HttpContext } from '@adonisjs/core/http'
import { EntryPage, JournalPage } from '#reports/accounting/journal'
import { ENTRY_STATUSES } from '#vocabulary/accounting'
import { entryCrumbs as crumbs, ledgerFilters, refusesPayrollEntry } from '#http/accounting_ledger'

/**
 * The journal and one entry. Drafts are EntryDrafts; validation and reversal are their own
 * resources (EntryValidations, EntryReversals).
 */
export default class EntriesController {
  async index(ctx: HttpContext) {
    const { filters, form, query, years, journals } = await ledgerFilters(ctx)
    const page = await new JournalPage(ctx.tenant!, {
      filters,
      page: Number(ctx.request.qs().page) || 1,
    }).build()
    return ctx.view.render('pages/accounting/entries/index', {
      page,
      form,
      query,
      years,
      journals,
      ENTRY_STATUSES,
      breadcrumbs: crumbs(),
    })
  }

  async show(ctx: HttpContext) {
    if (await refusesPayrollEntry(ctx)) return
    const entry = await new EntryPage(ctx.tenant!, { id: Number(ctx.params.id) }).build()
    const { number, journal_code: journal } = entry.entry
    return ctx.view.render('pages/accounting/entries/show', {
      ...entry,
      ENTRY_STATUSES,
      breadcrumbs: crumbs(number ? `Écriture ${journal} n° ${number}` : 'Brouillon'),
    })
  }
}
