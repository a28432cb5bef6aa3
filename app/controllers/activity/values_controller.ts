import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import vine from '@vinejs/vine'
import { valueList, VALUE_COLUMNS } from '#reports/activity/value_list'
import { requestedYear } from '#controllers/activity/key_figures_controller'
import { buildWorkbook } from '#support/spreadsheet/writer'

const indicatorQuery = vine.create({ indicateur: vine.string().trim().maxLength(80).optional() })

export default class ValuesController {
  private async list(ctx: HttpContext) {
    const year = await requestedYear(ctx)
    const { indicateur } = await indicatorQuery.validate(ctx.request.qs())
    return valueList(ctx.auth.user!.organisationId, year, indicateur)
  }

  async index(ctx: HttpContext) {
    const list = await this.list(ctx)
    return ctx.view.render('pages/activity/values', {
      list,
      breadcrumbs: [
        { label: 'Activité', href: `/activite?annee=${list.year}` },
        { label: 'Valeurs' },
      ],
    })
  }

  async export(ctx: HttpContext) {
    const list = await this.list(ctx)
    return sendWorkbook(
      ctx.response,
      `valeurs-activite-${list.year}.xlsx`,
      buildWorkbook([
        { name: `Valeurs ${list.year}`, columns: VALUE_COLUMNS, rows: list.rows as any },
      ])
    )
  }
}
