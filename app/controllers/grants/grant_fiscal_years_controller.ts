import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { GrantFiscalYears } from '#reports/grants/grant_fiscal_years'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { grantFiscalYearsSheet } from '#exports/grants/budget'

/** A convention across its fiscal years: awarded, recognised, consumed, fonds dédiés. */
export default class GrantFiscalYearsController {
  async show({ params, tenant, view }: HttpContext) {
    const report = await new GrantFiscalYears(tenant!, { grantId: Number(params.id) }).build()
    return view.render('pages/grants/budget/fiscal_years', {
      report,
      breadcrumbs: [
        { label: 'Financements', href: urlFor('grants.dashboard') },
        {
          label: report.grant.reference,
          href: urlFor('grants.grants.show', { id: report.grant.id }),
        },
        { label: 'Suivi pluriannuel' },
      ],
    })
  }

  async export({ params, tenant, response }: HttpContext) {
    const report = await new GrantFiscalYears(tenant!, { grantId: Number(params.id) }).build()
    return sendWorkbook(
      response,
      `pluriannuel-${report.grant.reference}.xlsx`,
      await buildWorkbook([grantFiscalYearsSheet(report)])
    )
  }
}
