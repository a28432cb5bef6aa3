import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { sendWorkbook } from '#http/downloads'
import { ValueList } from '#reports/activity/value_list'
import { valuesWorkbook } from '#exports/activity/lists'
import { valueQueryValidator } from '#validators/activity'

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

  private async list({ request, tenant }: HttpContext) {
    const { annee, indicateur } = await valueQueryValidator.validate(request.qs())
    return new ValueList(tenant!, { year: annee, indicator: indicateur }).build()
  }
}
