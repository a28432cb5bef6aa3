import type { HttpContext } from '@adonisjs/core/http'
import { PassThrough } from 'node:stream'
import db from '@adonisjs/lucid/services/db'
import FiscalYear from '#models/accounting/fiscal_year'
import Organisation from '#models/core/organisation'
import { fiscalYearValidator } from '#validators/accounting'
import { LedgerError, translateDatabaseError } from '#actions/accounting/errors'
import { seedChartOfAccounts } from '#database/reference/pcg_associations'
import { trialBalance } from '#reports/accounting/trial_balance'
import {
  trialBalanceWorkbook,
  streamGeneralLedgerWorkbook,
} from '#exports/accounting/ledger_export'
import { writeFec } from '#exports/accounting/fec_export'
import { fiscalYears, ledgerFilters, xlsxHeaders } from '#controllers/accounting/ledger_params'
import { buildWorkbook } from '#support/spreadsheet/writer'

const crumbs = (label?: string) => [
  { label: 'Comptabilité', href: label ? '/comptabilite' : undefined },
  ...(label ? [{ label }] : []),
]

export default class LedgerController {
  async home({ view, auth }: HttpContext) {
    const organisationId = auth.user!.organisationId
    const { years } = await fiscalYears(organisationId, null)
    const { rows: counts } = await db.rawQuery(
      `SELECT fiscal_year_id, count(*) FILTER (WHERE status = 'validated') AS validated,
              count(*) FILTER (WHERE status = 'draft') AS drafts
         FROM entries WHERE organisation_id = ? GROUP BY fiscal_year_id`,
      [organisationId]
    )
    const byYear = new Map(counts.map((row: any) => [row.fiscal_year_id, row]))
    return view.render('pages/accounting/ledger/home', {
      years: years.map((y) => ({
        ...y,
        validated: Number((byYear.get(y.id) as any)?.validated ?? 0),
        drafts: Number((byYear.get(y.id) as any)?.drafts ?? 0),
      })),
      breadcrumbs: crumbs(),
    })
  }

  async homeExport({ response, auth }: HttpContext) {
    const { years } = await fiscalYears(auth.user!.organisationId, null)
    xlsxHeaders(response, 'exercices.xlsx')
    return response.send(
      await buildWorkbook([
        {
          name: 'Exercices',
          columns: [
            { header: 'Exercice', key: 'label', type: 'text' },
            { header: 'Début', key: 'start_date', type: 'date' },
            { header: 'Fin', key: 'end_date', type: 'date' },
            { header: 'Statut', key: 'status', type: 'text' },
          ],
          rows: years.map((y) => ({ ...y, status: y.status === 'open' ? 'Ouvert' : 'Clôturé' })),
        },
      ])
    )
  }

  async storeFiscalYear({ request, response, session, auth }: HttpContext) {
    const payload = await request.validateUsing(fiscalYearValidator)
    if (payload.endDate < payload.startDate)
      throw new LedgerError('La date de fin précède la date de début.')
    await db.transaction(async (trx) => {
      await seedChartOfAccounts(auth.user!.organisationId, trx)
      try {
        await FiscalYear.create(
          {
            organisationId: auth.user!.organisationId,
            label: payload.label,
            startDate: payload.startDate as never,
            endDate: payload.endDate as never,
            status: 'open',
          },
          { client: trx }
        )
      } catch (error) {
        translateDatabaseError(error)
      }
    })
    session.flash('success', `Exercice ${payload.label} ouvert.`)
    return response.redirect('/comptabilite')
  }

  async balance(ctx: HttpContext) {
    const { filters, form, query, years, journals } = await ledgerFilters(ctx)
    const balance = await trialBalance(ctx.auth.user!.organisationId, {
      ...filters,
      fiscalYearId: filters.fiscalYearId!,
    })
    return ctx.view.render('pages/accounting/ledger/balance', {
      balance,
      form,
      query,
      years,
      journals,
      breadcrumbs: crumbs('Balance générale'),
    })
  }

  async balanceExport(ctx: HttpContext) {
    const { filters } = await ledgerFilters(ctx)
    const balance = await trialBalance(ctx.auth.user!.organisationId, {
      ...filters,
      fiscalYearId: filters.fiscalYearId!,
    })
    xlsxHeaders(ctx.response, 'balance-generale.xlsx')
    return ctx.response.send(await trialBalanceWorkbook(balance))
  }

  async generalLedger(ctx: HttpContext) {
    const { filters, form, query, years, journals } = await ledgerFilters(ctx)
    const { accountsWithLines } = await import('#reports/accounting/general_ledger')
    const accounts = await accountsWithLines(ctx.auth.user!.organisationId, {
      ...filters,
      account: null,
    })
    const account = filters.account ?? accounts[0] ?? null
    const rows = []
    if (account) {
      const { streamGeneralLedger } = await import('#reports/accounting/general_ledger')
      for await (const row of streamGeneralLedger(ctx.auth.user!.organisationId, {
        ...filters,
        account,
      })) {
        rows.push(row)
        if (rows.length >= 2000) break
      }
    }
    return ctx.view.render('pages/accounting/ledger/general_ledger', {
      rows,
      account,
      accounts,
      form,
      query,
      years,
      journals,
      truncated: rows.length >= 2000,
      breadcrumbs: crumbs('Grand livre'),
    })
  }

  async generalLedgerExport(ctx: HttpContext) {
    const { filters } = await ledgerFilters(ctx)
    const output = new PassThrough()
    streamGeneralLedgerWorkbook(output, ctx.auth.user!.organisationId, filters).catch((error) =>
      output.destroy(error)
    )
    xlsxHeaders(ctx.response, 'grand-livre.xlsx')
    return ctx.response.stream(output)
  }

  async fecExport({ params, response, auth }: HttpContext) {
    const year = await FiscalYear.findOrFail(params.id)
    const organisation = await Organisation.findOrFail(auth.user!.organisationId)
    const output = new PassThrough()
    writeFec(output, auth.user!.organisationId, year.id)
      .then(() => output.end())
      .catch((error) => output.destroy(error))
    response.header('Content-Type', 'text/plain; charset=iso-8859-15')
    response.header(
      'Content-Disposition',
      `attachment; filename="${year.fecFileName(organisation.siren)}"`
    )
    return response.stream(output)
  }
}
