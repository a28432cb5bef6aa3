import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import { chartOf } from '#reports/activity/key_figures'
import { NetworkFigures } from '#reports/network/network_figures'
import { networkFiguresWorkbook } from '#exports/network/network_figures'
import { pageYear } from '#http/year_choice'

/**
 * The network's consolidated figures (role 'network', ADR 9): one table per figure with a row
 * per member organisation that agreed to share, a total, a chart, and the Excel workbook.
 */
export default class NetworkFiguresController {
  async show(ctx: HttpContext) {
    const report = await this.report(ctx)
    return ctx.view.render('pages/network/index', {
      report,
      charts: Object.fromEntries(report.tables.map((table) => [table.key, chartOf(table)])),
      breadcrumbs: [{ label: 'Réseau' }],
    })
  }

  async export(ctx: HttpContext) {
    const report = await this.report(ctx)
    return sendWorkbook(ctx.response, `reseau-${report.year}.xlsx`, networkFiguresWorkbook(report))
  }

  /** The figures of ?annee= (by default the latest year with members' data). */
  private async report(ctx: HttpContext) {
    return new NetworkFigures(ctx.tenant!, { year: await pageYear(ctx, 'network') }).build()
  }
}
