import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { sendWorkbook } from '#http/downloads'
import { ValueList } from '#reports/activity/value_list'
import { valuesWorkbook } from '#exports/activity/lists'
import { valueQueryValidator } from '#validators/activity'
import { pageYear } from '#http/year_choice'

/** The stored values behind the key figures, by year and indicator. */
export default class ValuesController {
  async index(ctx: HttpContext) {
    const list = await this.list(ctx)
    return ctx.view.render('pages/activity/values', {
      list,
      breadcrumbs: [
        {
          label: 'Activité',
          href: urlFor('activity.key_figures', {}, { qs: { annee: list.year } }),
        },
        { label: 'Valeurs' },
      ],
    })
  }

  async export(ctx: HttpContext) {
    const list = await this.list(ctx)
    return sendWorkbook(ctx.response, `valeurs-activite-${list.year}.xlsx`, valuesWorkbook(list))
  }

  private async list(ctx: HttpContext) {
    const { indicateur } = await valueQueryValidator.validate(ctx.request.qs())
    const year = await pageYear(ctx, 'activity')
    return new ValueList(ctx.tenant!, { year, indicator: indicateur }).build()
  }
}
