import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { YearEndOverview } from '#reports/accounting/fiscal_years'
import { FISCAL_YEAR_STATUSES } from '#vocabulary/accounting'

/**
 * The year-end screen. Each change is its own resource: closing (FiscalYearClosings), the
 * allocation of the result (ResultAllocations) and its posting (ResultAllocationPostings).
 */
export default class YearEndController {
  async index({ view, tenant }: HttpContext) {
    return view.render('pages/accounting/year_end/index', {
      years: await new YearEndOverview(tenant!, {}).build(),
      FISCAL_YEAR_STATUSES,
      breadcrumbs: [
        { label: 'Comptabilité', href: urlFor('accounting.home') },
        { label: 'Clôture des exercices' },
      ],
    })
  }
}
