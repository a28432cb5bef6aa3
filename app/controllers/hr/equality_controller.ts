import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { sendWorkbook } from '#http/downloads'
import { DateTime } from 'luxon'
import EqualityIndexReport from '#reports/hr/equality_index'
import { equalityWorkbook } from '#exports/hr/equality_index'
import { periodValidator } from '#validators/hr'
import PermissionPolicy from '#policies/core/permission_policy'
import { hrYear } from '#controllers/hr/params'

/** The 12-month reference period: ?du=&au=, or the calendar year ?annee= (the latest year with HR data by default). */
async function period(ctx: HttpContext) {
  const { du, au } = await periodValidator.validate(ctx.request.qs())
  const year = await hrYear(ctx)
  if (du && au) {
    return { from: DateTime.fromJSDate(du).toISODate()!, to: DateTime.fromJSDate(au).toISODate()! }
  }
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}

export default class EqualityController {
  async show(ctx: HttpContext) {
    const { from, to } = await period(ctx)
    const index = await new EqualityIndexReport(ctx.tenant!, { from, to }).build()
    const withPay = await ctx.bouncer.with(PermissionPolicy).allows('perform', 'hr.personal')
    return ctx.view.render('pages/hr/equality', {
      index,
      from,
      to,
      withPay,
      breadcrumbs: [
        { label: 'Ressources humaines', href: urlFor('hr.home') },
        { label: 'Index égalité' },
      ],
    })
  }

  async export(ctx: HttpContext) {
    const { from, to } = await period(ctx)
    const index = await new EqualityIndexReport(ctx.tenant!, { from, to }).build()
    const withPay = await ctx.bouncer.with(PermissionPolicy).allows('perform', 'hr.personal')
    return sendWorkbook(
      ctx.response,
      `index-egalite-${from}-${to}.xlsx`,
      await equalityWorkbook(index, withPay)
    )
  }
}
