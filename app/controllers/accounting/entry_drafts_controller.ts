import type { HttpContext } from '@adonisjs/core/http'
import { draftEntryValidator } from '#validators/accounting'
import CreateDraftEntry from '#actions/accounting/create_draft_entry'
import UpdateDraftEntry from '#actions/accounting/update_draft_entry'
import DeleteDraftEntry from '#actions/accounting/delete_draft_entry'
import { EntryPage } from '#reports/accounting/journal'
import { LineChoices } from '#reports/accounting/line_choices'
import { entryCrumbs as crumbs, ledgerFilters } from '#http/accounting_ledger'

/** Draft entries: typed, edited and deleted until they are validated. */
export default class EntryDraftsController {
  async create(ctx: HttpContext) {
    const { journals } = await ledgerFilters(ctx)
    return ctx.view.render('pages/accounting/entries/form', {
      entry: null,
      lines: [],
      journals,
      choices: await new LineChoices(ctx.tenant!, {}).build(),
      breadcrumbs: crumbs('Nouvelle écriture'),
    })
  }

  async edit({ params, view, tenant, response }: HttpContext) {
    const data = await new EntryPage(tenant!, { id: Number(params.id) }).build()
    if (data.entry.status !== 'draft')
      return response.redirect().toRoute('accounting.entries.show', { id: params.id })
    return view.render('pages/accounting/entries/form', {
      ...data,
      choices: await new LineChoices(tenant!, {}).build(),
      breadcrumbs: crumbs('Modifier le brouillon'),
    })
  }

  async store({ request, response, session, tenant }: HttpContext) {
    const form = await request.validateUsing(draftEntryValidator)
    const entry = await CreateDraftEntry.handle(tenant!, form)
    session.flash('success', 'Brouillon enregistré.')
    return response.redirect().toRoute('accounting.entries.show', { id: entry.id })
  }

  async update({ request, response, session, params, tenant }: HttpContext) {
    const form = await request.validateUsing(draftEntryValidator)
    await UpdateDraftEntry.handle(tenant!, { id: Number(params.id), form })
    session.flash('success', 'Brouillon mis à jour.')
    return response.redirect().toRoute('accounting.entries.show', { id: params.id })
  }

  async destroy({ response, session, params, tenant }: HttpContext) {
    await DeleteDraftEntry.handle(tenant!, { id: Number(params.id) })
    session.flash('success', 'Brouillon supprimé.')
    return response.redirect().toRoute('accounting.entries.index')
  }
}
