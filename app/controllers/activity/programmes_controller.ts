import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { sendWorkbook } from '#http/downloads'
import { ProgrammeList, ProgrammePage, TerritoryList } from '#reports/activity/programme_list'
import { programmesWorkbook, territoriesWorkbook } from '#exports/activity/lists'
import { pageYear } from '#http/year_choice'

/** The crumbs of an activity page of the year shown, under "Activité". */
const activityCrumbs = (year: number, ...crumbs: Array<{ label: string; href?: string }>) => [
  { label: 'Activité', href: urlFor('activity.key_figures', {}, { qs: { annee: year } }) },
  ...crumbs,
]

/** The lists of the year asked for (`?annee=`, or the latest with activity data). */
const programmes = async (ctx: HttpContext) =>
  new ProgrammeList(ctx.tenant!, { year: await pageYear(ctx, 'activity') }).build()
const territories = async (ctx: HttpContext) =>
  new TerritoryList(ctx.tenant!, { year: await pageYear(ctx, 'activity') }).build()

/** Programmes (dispositifs) and territories, with their figures of the year. */
export default class ProgrammesController {
  async index(ctx: HttpContext) {
    const list = await programmes(ctx)
    const breadcrumbs = activityCrumbs(list.year, { label: 'Dispositifs' })
    return ctx.view.render('pages/activity/programmes', { list, breadcrumbs })
  }

  async export(ctx: HttpContext) {
    const list = await programmes(ctx)
    return sendWorkbook(ctx.response, `dispositifs-${list.year}.xlsx`, programmesWorkbook(list))
  }

  async show(ctx: HttpContext) {
    const { params, tenant, view } = ctx
    const annee = await pageYear(ctx, 'activity')
    const page = await new ProgrammePage(tenant!, { code: params.code, year: annee }).build()
    const listUrl = urlFor('activity.programmes', {}, { qs: { annee: page.year } })
    return view.render('pages/activity/programme', {
      page,
      breadcrumbs: activityCrumbs(
        page.year,
        { label: 'Dispositifs', href: listUrl },
        { label: page.programme.name }
      ),
    })
  }

  async territories(ctx: HttpContext) {
    const list = await territories(ctx)
    const breadcrumbs = activityCrumbs(list.year, { label: 'Territoires' })
    return ctx.view.render('pages/activity/territories', { list, breadcrumbs })
  }

  async exportTerritories(ctx: HttpContext) {
    const list = await territories(ctx)
    return sendWorkbook(ctx.response, `territoires-${list.year}.xlsx`, territoriesWorkbook(list))
  }
}
