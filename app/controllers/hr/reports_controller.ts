import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import BilanSocialReport from '#reports/hr/bilan_social'
import EqualityIndexReport from '#reports/hr/equality_index'
import TrainingReportBuilder from '#reports/hr/training'
import { bilanSocialWorkbook } from '#exports/hr/bilan_social'
import { trainingWorkbook } from '#exports/hr/training'
import { hrCrumbs, hrYear } from '#controllers/hr/params'

/** Aggregated HR pages: no name, no individual salary (permission hr.aggregates). */
export default class ReportsController {
  async home(ctx: HttpContext) {
    const year = await hrYear(ctx)
    const tenant = ctx.tenant!
    const [bilan, index, training] = await Promise.all([
      new BilanSocialReport(tenant, { year }).build(),
      new EqualityIndexReport(tenant, { from: `${year}-01-01`, to: `${year}-12-31` }).build(),
      new TrainingReportBuilder(tenant, { year }).build(),
    ])
    return ctx.view.render('pages/hr/home', {
      year,
      bilan,
      index,
      training,
      breadcrumbs: [{ label: 'Ressources humaines' }],
    })
  }

  async bilanSocial(ctx: HttpContext) {
    const year = await hrYear(ctx)
    const report = await new BilanSocialReport(ctx.tenant!, { year }).build()
    return ctx.view.render(
      ctx.request.url().endsWith('/impression')
        ? 'pages/hr/bilan_social_print'
        : 'pages/hr/bilan_social',
      {
        report,
        breadcrumbs: hrCrumbs({ label: `Bilan social ${year}` }),
      }
    )
  }

  async bilanSocialExport(ctx: HttpContext) {
    const year = await hrYear(ctx)
    const report = await new BilanSocialReport(ctx.tenant!, { year }).build()
    return sendWorkbook(
      ctx.response,
      `bilan-social-${year}.xlsx`,
      await bilanSocialWorkbook(report)
    )
  }

  async training(ctx: HttpContext) {
    const year = await hrYear(ctx)
    const report = await new TrainingReportBuilder(ctx.tenant!, { year }).build()
    return ctx.view.render('pages/hr/training', {
      report,
      breadcrumbs: hrCrumbs({ label: `Formation ${year}` }),
    })
  }

  async trainingExport(ctx: HttpContext) {
    const year = await hrYear(ctx)
    const report = await new TrainingReportBuilder(ctx.tenant!, { year }).build()
    return sendWorkbook(ctx.response, `formation-${year}.xlsx`, await trainingWorkbook(report))
  }
}
