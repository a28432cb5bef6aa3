import type { HttpContext } from '@adonisjs/core/http'
import { PassThrough } from 'node:stream'
import Entry from '#models/accounting/entry'
import { draftEntryValidator, reverseValidator, versionValidator } from '#validators/accounting'
import {
  createDraft,
  deleteDraft,
  reverseEntry,
  updateDraft,
  type DraftInput,
} from '#actions/accounting/drafts'
import { validateEntry } from '#actions/accounting/ledger'
import { LedgerError } from '#actions/accounting/errors'
import { parseFrenchAmount } from '#support/money'
import { entryPage, journalPage } from '#reports/accounting/journal'
import { streamLedgerLinesWorkbook } from '#exports/accounting/ledger_export'
import { ledgerFilters, masksPayroll, xlsxHeaders } from '#controllers/accounting/ledger_params'
import { isPayrollEntry } from '#reports/accounting/payroll_privacy'
import { buildWorkbook } from '#support/spreadsheet/writer'

const crumbs = (label?: string) => [
  { label: 'Comptabilité', href: '/comptabilite' },
  { label: 'Journal', href: label ? '/comptabilite/ecritures' : undefined },
  ...(label ? [{ label }] : []),
]

async function draftInput(
  request: HttpContext['request']
): Promise<DraftInput & { version?: number }> {
  const payload = await request.validateUsing(draftEntryValidator)
  const amount = (text: string | undefined, index: number) => {
    if (!text) return null
    const value = parseFrenchAmount(text)
    if (value === null) throw new LedgerError(`Ligne ${index + 1} : montant « ${text} » illisible.`)
    return value
  }
  return {
    ...payload,
    lines: payload.lines
      .filter((line) => line.accountNumber || line.debit || line.credit)
      .map((line, index) => ({
        ...line,
        accountNumber: line.accountNumber ?? '',
        debit: amount(line.debit, index),
        credit: amount(line.credit, index),
        programmeId: line.programmeId ? Number(line.programmeId) : null,
        grantId: line.grantId ? Number(line.grantId) : null,
        territoryId: line.territoryId ? Number(line.territoryId) : null,
      })),
  }
}

/**
 * A payroll entry is refused (403) to readers without payroll detail: whatever the payroll
 * software's granularity (one entry per month or per employee), an entry's own lines or totals
 * can be one person's pay. Its sums per account and month are in the journal and grand livre.
 */
async function refusesPayrollEntry(ctx: HttpContext) {
  if (!(await masksPayroll(ctx))) return false
  if (!(await isPayrollEntry(ctx.auth.user!.organisationId, Number(ctx.params.id)))) return false
  ctx.response.status(403)
  ctx.response.send(
    await ctx.view.render('pages/errors/forbidden', {
      message:
        'Cette écriture de paie porte des montants individuels de salariés : son détail est réservé aux rôles Finances, Ressources humaines et Administration. Le journal et le grand livre en donnent les cumuls par compte et par mois.',
    })
  )
  return true
}

export default class EntriesController {
  async index(ctx: HttpContext) {
    const { filters, form, query, years, journals } = await ledgerFilters(ctx)
    const page = await journalPage(
      ctx.auth.user!.organisationId,
      filters,
      Number(ctx.request.qs().page) || 1
    )
    return ctx.view.render('pages/accounting/entries/index', {
      page,
      form,
      query,
      years,
      journals,
      breadcrumbs: crumbs(),
    })
  }

  async export(ctx: HttpContext) {
    const { filters } = await ledgerFilters(ctx)
    const output = new PassThrough()
    streamLedgerLinesWorkbook(output, ctx.auth.user!.organisationId, filters).catch((error) =>
      output.destroy(error)
    )
    xlsxHeaders(ctx.response, 'ecritures.xlsx')
    return ctx.response.stream(output)
  }

  async show(ctx: HttpContext) {
    if (await refusesPayrollEntry(ctx)) return
    const { params, view, auth } = ctx
    const entry = await entryPage(auth.user!.organisationId, Number(params.id))
    return view.render('pages/accounting/entries/show', {
      ...entry,
      breadcrumbs: crumbs(
        entry.entry.number
          ? `Écriture ${entry.entry.journal_code} n° ${entry.entry.number}`
          : 'Brouillon'
      ),
    })
  }

  async showExport(ctx: HttpContext) {
    if (await refusesPayrollEntry(ctx)) return
    const { params, response, auth } = ctx
    const { entry, lines } = await entryPage(auth.user!.organisationId, Number(params.id))
    xlsxHeaders(
      response,
      `ecriture-${entry.journal_code}-${entry.number ?? 'brouillon-' + entry.id}.xlsx`
    )
    return response.send(
      await buildWorkbook([
        {
          name: 'Écriture',
          columns: [
            { header: 'Compte', key: 'account_number', type: 'text', width: 12 },
            { header: 'Intitulé', key: 'account_label', type: 'text', width: 30 },
            { header: 'Libellé', key: 'label', type: 'text', width: 40 },
            { header: 'Tiers', key: 'aux_number', type: 'text' },
            { header: 'Débit', key: 'debit', type: 'money' },
            { header: 'Crédit', key: 'credit', type: 'money' },
          ],
          rows: lines,
        },
      ])
    )
  }

  async create(ctx: HttpContext) {
    const { journals } = await ledgerFilters(ctx)
    return ctx.view.render('pages/accounting/entries/form', {
      entry: null,
      lines: [],
      journals,
      breadcrumbs: crumbs('Nouvelle écriture'),
    })
  }

  async edit({ params, view, auth, response }: HttpContext) {
    const data = await entryPage(auth.user!.organisationId, Number(params.id))
    if (data.entry.status !== 'draft')
      return response.redirect(`/comptabilite/ecritures/${params.id}`)
    return view.render('pages/accounting/entries/form', {
      ...data,
      breadcrumbs: crumbs('Modifier le brouillon'),
    })
  }

  async store({ request, response, session }: HttpContext) {
    const input = await draftInput(request)
    const entry = await createDraft(input)
    session.flash('success', 'Brouillon enregistré.')
    return response.redirect(`/comptabilite/ecritures/${entry.id}`)
  }

  async update({ request, response, session, params }: HttpContext) {
    const input = await draftInput(request)
    await updateDraft(Number(params.id), input.version ?? -1, input)
    session.flash('success', 'Brouillon mis à jour.')
    return response.redirect(`/comptabilite/ecritures/${params.id}`)
  }

  async validate({ request, response, session, params }: HttpContext) {
    const { version } = await request.validateUsing(versionValidator)
    const sealed = await validateEntry(Number(params.id), { expectedVersion: version })
    session.flash('success', `Écriture validée sous le n° ${sealed.number}.`)
    return response.redirect(`/comptabilite/ecritures/${params.id}`)
  }

  async reverse({ request, response, session, params }: HttpContext) {
    const { date } = await request.validateUsing(reverseValidator)
    const reversal = await reverseEntry(Number(params.id), { date })
    session.flash('success', `Extourne passée sous le n° ${reversal.number}.`)
    return response.redirect(`/comptabilite/ecritures/${reversal.id}`)
  }

  async destroy({ response, session, params }: HttpContext) {
    await Entry.findOrFail(params.id)
    await deleteDraft(Number(params.id))
    session.flash('success', 'Brouillon supprimé.')
    return response.redirect('/comptabilite/ecritures')
  }
}
