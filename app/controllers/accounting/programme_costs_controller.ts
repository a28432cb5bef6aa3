import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { ProgrammeCostReport } from '#reports/accounting/programme_costs'
import { programmeCostsWorkbook } from '#exports/accounting/programme_costs'
import { programmeCostsValidator } from '#validators/accounting'
import { pageYear } from '#http/year_choice'
import { xlsxHeaders } from '#http/accounting_ledger'
import { OVERHEAD_KEYS } from '#vocabulary/accounting'

async function build(ctx: HttpContext) {
  const { cle } = await programmeCostsValidator.validate(ctx.request.qs())
  const year = await pageYear(ctx, 'accounting')
  return new ProgrammeCostReport(ctx.tenant!, { year, key: cle ?? null }).build()
}

/** Cost per programme: direct costs plus overheads spread by the key chosen for the year. */
export default class ProgrammeCostsController {
  async index(ctx: HttpContext) {
    const report = await build(ctx)
    return ctx.view.render('pages/accounting/programme_costs', {
      report,
      keys: Object.entries(OVERHEAD_KEYS),
      keyLabels: OVERHEAD_KEYS,
      breadcrumbs: [
        { label: 'Comptabilité', href: urlFor('accounting.home') },
        { label: 'Coût par dispositif' },
      ],
    })
  }

  async export(ctx: HttpContext) {
    const report = await build(ctx)
    xlsxHeaders(ctx.response, `cout-par-dispositif-${report.year}.xlsx`)
    return ctx.response.send(await programmeCostsWorkbook(report))
  }
}
