import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import { requestedYear } from '#controllers/activity/key_figures_controller'
import {
  PROGRAMME_COLUMNS,
  TERRITORY_COLUMNS,
  programmeList,
  programmePage,
  territoryList,
} from '#reports/activity/programme_list'
import { buildWorkbook } from '#support/spreadsheet/writer'
import Programme from '#models/activity/programme'
import Territory from '#models/activity/territory'
import { NotFoundError } from '#support/domain_errors'

/** code → id, for the edit links of the list pages (the list rows carry codes). */
async function idsByCode(model: typeof Programme | typeof Territory) {
  const rows = await model.query().select('id', 'code')
  return Object.fromEntries(rows.map((row) => [row.code, row.id]))
}

export default class ProgrammesController {
  async index(ctx: HttpContext) {
    const list = await programmeList(ctx.auth.user!.organisationId, await requestedYear(ctx))
    return ctx.view.render('pages/activity/programmes', {
      list,
      editIds: await idsByCode(Programme),
      breadcrumbs: [
        { label: 'Activité', href: `/activite?annee=${list.year}` },
        { label: 'Dispositifs' },
      ],
    })
  }

  async export(ctx: HttpContext) {
    const list = await programmeList(ctx.auth.user!.organisationId, await requestedYear(ctx))
    return sendWorkbook(
      ctx.response,
      `dispositifs-${list.year}.xlsx`,
      buildWorkbook([
        { name: `Dispositifs ${list.year}`, columns: PROGRAMME_COLUMNS, rows: list.rows },
      ])
    )
  }

  async show(ctx: HttpContext) {
    const page = await programmePage(
      ctx.auth.user!.organisationId,
      ctx.params.code,
      await requestedYear(ctx)
    )
    if (!page) throw new NotFoundError('Dispositif inconnu.')
    return ctx.view.render('pages/activity/programme', {
      page,
      breadcrumbs: [
        { label: 'Activité', href: `/activite?annee=${page.year}` },
        { label: 'Dispositifs', href: `/activite/dispositifs?annee=${page.year}` },
        { label: page.programme.name },
      ],
    })
  }

  async territories(ctx: HttpContext) {
    const list = await territoryList(ctx.auth.user!.organisationId, await requestedYear(ctx))
    return ctx.view.render('pages/activity/territories', {
      list,
      editIds: await idsByCode(Territory),
      breadcrumbs: [
        { label: 'Activité', href: `/activite?annee=${list.year}` },
        { label: 'Territoires' },
      ],
    })
  }

  async exportTerritories(ctx: HttpContext) {
    const list = await territoryList(ctx.auth.user!.organisationId, await requestedYear(ctx))
    return sendWorkbook(
      ctx.response,
      `territoires-${list.year}.xlsx`,
      buildWorkbook([
        { name: `Territoires ${list.year}`, columns: TERRITORY_COLUMNS, rows: list.rows },
      ])
    )
  }
}
