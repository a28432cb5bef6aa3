import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { sendWorkbook } from '#http/downloads'
import { ProgrammeList, ProgrammePage, TerritoryList } from '#reports/activity/programme_list'
import { programmesWorkbook, territoriesWorkbook } from '#exports/activity/lists'
import { pageYear } from '#http/year_choice'

/** The "Activité" crumb, for the year shown. */
const activityCrumb = (year: number) => ({
  label: 'Activité',
  href: urlFor('activity.key_figures', {}, { qs: { annee: year } }),
})

/** Programmes (dispositifs) and territories, with their figures of the year. */
export default class ProgrammesController {
  async index(ctx: HttpContext) {
    const { tenant, view } = ctx
    const annee = await pageYear(ctx, 'activity')
    const list = await new ProgrammeList(tenant!, { year: annee }).build()
    return view.render('pages/activity/programmes', {
      list,
      breadcrumbs: [activityCrumb(list.year), { label: 'Dispositifs' }],
    })
  }

  async export(ctx: HttpContext) {
    const { tenant, response } = ctx
    const annee = await pageYear(ctx, 'activity')
    const list = await new ProgrammeList(tenant!, { year: annee }).build()
    return sendWorkbook(response, `dispositifs-${list.year}.xlsx`, programmesWorkbook(list))
  }

  async show(ctx: HttpContext) {
    const { params, tenant, view } = ctx
    const annee = await pageYear(ctx, 'activity')
    const page = await new ProgrammePage(tenant!, { code: params.code, year: annee }).build()
    return view.render('pages/activity/programme', {
      page,
      breadcrumbs: [
        activityCrumb(page.year),
        {
          label: 'Dispositifs',
          href: urlFor('activity.programmes', {}, { qs: { annee: page.year } }),
        },
        { label: page.programme.name },
      ],
    })
  }

  async territories(ctx: HttpContext) {
    const { tenant, view } = ctx
    const annee = await pageYear(ctx, 'activity')
    const list = await new TerritoryList(tenant!, { year: annee }).build()
    return view.render('pages/activity/territories', {
      list,
      breadcrumbs: [activityCrumb(list.year), { label: 'Territoires' }],
    })
  }

  async exportTerritories(ctx: HttpContext) {
    const { tenant, response } = ctx
    const annee = await pageYear(ctx, 'activity')
    const list = await new TerritoryList(tenant!, { year: annee }).build()
    return sendWorkbook(response, `territoires-${list.year}.xlsx`, territoriesWorkbook(list))
  }
}
