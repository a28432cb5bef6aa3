import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import db from '@adonisjs/lucid/services/db'
import BilanSocialReport from '#reports/hr/bilan_social'
import EqualityIndexReport from '#reports/hr/equality_index'
import TrainingReportBuilder from '#reports/hr/training'
import { bilanSocialWorkbook } from '#exports/hr/bilan_social'
import { trainingWorkbook } from '#exports/hr/training'
import { hrYearValidator } from '#validators/hr'

/** ?annee=, or the last complete year that has register data. */
export async function hrYear({ request, auth }: HttpContext) {
  const { annee } = await hrYearValidator.validate(request.qs())
  if (annee) return annee
  const lastYear = new Date().getFullYear() - 1
  const latest = await db
    .from('contracts')
    .where('organisation_id', auth.user!.organisationId)
    .max('start_date as day')
    .first()
  return latest?.day ? Math.min(Number(String(latest.day).slice(0, 4)), lastYear) : lastYear
}

/** Aggregated HR pages: no name, no individual salary (permission hr.aggregates). */
export default class ReportsController {
  async home(ctx: HttpContext) {
    const year = await hrYear(ctx)
    const org = ctx.auth.user!.organisationId
    const [bilan, index, training] = await Promise.all([
      new BilanSocialReport(org, year).build(),
      new EqualityIndexReport(org, `${year}-01-01`, `${year}-12-31`).build(),
      new TrainingReportBuilder(org, year).build(),
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
    const report = await new BilanSocialReport(ctx.auth.user!.organisationId, year).build()
    return ctx.view.render(
      ctx.request.url().endsWith('/impression')
        ? 'pages/hr/bilan_social_print'
        : 'pages/hr/bilan_social',
      {
        report,
        breadcrumbs: [
          { label: 'Ressources humaines', href: '/rh' },
          { label: `Bilan social ${year}` },
        ],
      }
    )
  }

  async bilanSocialExport(ctx: HttpContext) {
    const year = await hrYear(ctx)
    const report = await new BilanSocialReport(ctx.auth.user!.organisationId, year).build()
    return sendWorkbook(
      ctx.response,
      `bilan-social-${year}.xlsx`,
      await bilanSocialWorkbook(report)
    )
  }

  async training(ctx: HttpContext) {
    const year = await hrYear(ctx)
    const report = await new TrainingReportBuilder(ctx.auth.user!.organisationId, year).build()
    return ctx.view.render('pages/hr/training', {
      report,
      breadcrumbs: [{ label: 'Ressources humaines', href: '/rh' }, { label: `Formation ${year}` }],
    })
  }

  async trainingExport(ctx: HttpContext) {
    const year = await hrYear(ctx)
    const report = await new TrainingReportBuilder(ctx.auth.user!.organisationId, year).build()
    return sendWorkbook(ctx.response, `formation-${year}.xlsx`, await trainingWorkbook(report))
  }
}
