import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { FiscalYearOverview, LedgerChoices } from '#reports/accounting/fiscal_years'
import { NextFiscalYear } from '#reports/accounting/next_fiscal_year'
import { PrintedTrialBalanceReport, TrialBalanceReport } from '#reports/accounting/trial_balance'
import { fiscalYearsWorkbook, trialBalanceWorkbook } from '#exports/accounting/ledger_export'
import { ledgerFilters, xlsxHeaders } from '#http/accounting_ledger'
import { FISCAL_YEAR_STATUSES } from '#vocabulary/accounting'

export const ledgerCrumbs = (label?: string) => [
  { label: 'Comptabilité', href: label ? urlFor('accounting.home') : undefined },
  ...(label ? [{ label }] : []),
]

/** The accounting home (fiscal years) and the trial balance. */
export default class LedgerController {
  async home({ view, tenant }: HttpContext) {
    return view.render('pages/accounting/ledger/home', {
      years: await new FiscalYearOverview(tenant!, {}).build(),
      proposal: await new NextFiscalYear(tenant!, {}).build(),
      FISCAL_YEAR_STATUSES,
      breadcrumbs: ledgerCrumbs(),
    })
  }

  async homeExport({ response, tenant }: HttpContext) {
    const { years } = await new LedgerChoices(tenant!, {}).build()
    xlsxHeaders(response, 'exercices.xlsx')
    return response.send(await fiscalYearsWorkbook(years))
  }

  async balance(ctx: HttpContext) {
    const { filters, form, query, years, journals } = await ledgerFilters(ctx)
    const balance = await new PrintedTrialBalanceReport(ctx.tenant!, {
      ...filters,
      fiscalYearId: filters.fiscalYearId!,
    }).build()
    return ctx.view.render('pages/accounting/ledger/balance', {
      balance,
      form,
      query,
      years,
      journals,
      breadcrumbs: ledgerCrumbs('Balance générale'),
    })
  }

  async balanceExport(ctx: HttpContext) {
    const { filters } = await ledgerFilters(ctx)
    const balance = await new TrialBalanceReport(ctx.tenant!, {
      ...filters,
      fiscalYearId: filters.fiscalYearId!,
    }).build()
    xlsxHeaders(ctx.response, 'balance-generale.xlsx')
    return ctx.response.send(await trialBalanceWorkbook(balance))
  }
}
