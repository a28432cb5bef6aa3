import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import { KeyFigures, chartOf } from '#reports/activity/key_figures'
import { keyFiguresWorkbook, keyTableWorkbook } from '#exports/activity/key_figures'
import { pageYear } from '#http/year_choice'
import PermissionPolicy from '#policies/core/permission_policy'
import { NotFoundError } from '#support/domain_errors'

export default class KeyFiguresController {
  async show(ctx: HttpContext) {
    const report = await this.report(ctx)
    return ctx.view.render('pages/activity/key_figures', {
      report,
      charts: Object.fromEntries(report.tables.map((t) => [t.key, chartOf(t)])),
      canImport: await ctx.bouncer.with(PermissionPolicy).allows('perform', 'activity.write'),
      breadcrumbs: [{ label: 'Activité' }],
    })
  }

  async exportAll(ctx: HttpContext) {
    const report = await this.report(ctx)
    return sendWorkbook(
      ctx.response,
      `chiffres-cles-${report.year}.xlsx`,
      keyFiguresWorkbook(report)
    )
  }

  async exportTable(ctx: HttpContext) {
    const report = await this.report(ctx)
    const table = report.tables.find((t) => t.key === ctx.params.key)
    if (!table) throw new NotFoundError('Tableau inconnu.')
    return sendWorkbook(ctx.response, `${table.key}-${report.year}.xlsx`, keyTableWorkbook(table))
  }

  /** The key figures of ?annee= (the latest year with values by default). */
  private async report(ctx: HttpContext) {
    return new KeyFigures(ctx.tenant!, { year: await pageYear(ctx, 'activity') }).build()
  }
}
