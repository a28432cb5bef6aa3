import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import db from '@adonisjs/lucid/services/db'
import { keyFigures, chartOf } from '#reports/activity/key_figures'
import { keyFiguresWorkbook, keyTableWorkbook } from '#exports/activity/key_figures'
import { yearQueryValidator } from '#validators/activity'
import PermissionPolicy from '#policies/core/permission_policy'
import { NotFoundError } from '#support/domain_errors'

/** The requested year, or the latest year with activity values. */
export async function requestedYear({ request, auth }: HttpContext) {
  const { annee } = await yearQueryValidator.validate(request.qs())
  if (annee) return annee
  const latest = await db
    .from('indicator_values')
    .where('organisation_id', auth.user!.organisationId)
    .max('year as year')
    .first()
  return latest?.year ?? new Date().getFullYear() - 1
}

export default class KeyFiguresController {
  async show(ctx: HttpContext) {
    const year = await requestedYear(ctx)
    const report = await keyFigures(ctx.auth.user!.organisationId, year)
    return ctx.view.render('pages/activity/key_figures', {
      report,
      charts: Object.fromEntries(report.tables.map((t) => [t.key, chartOf(t)])),
      canImport: await ctx.bouncer.with(PermissionPolicy).allows('perform', 'activity.write'),
      breadcrumbs: [{ label: 'Activité' }],
    })
  }

  async exportAll(ctx: HttpContext) {
    const year = await requestedYear(ctx)
    const report = await keyFigures(ctx.auth.user!.organisationId, year)
    return sendWorkbook(ctx.response, `chiffres-cles-${year}.xlsx`, keyFiguresWorkbook(report))
  }

  async exportTable(ctx: HttpContext) {
    const year = await requestedYear(ctx)
    const report = await keyFigures(ctx.auth.user!.organisationId, year)
    const table = report.tables.find((t) => t.key === ctx.params.key)
    if (!table) throw new NotFoundError('Tableau inconnu.')
    return sendWorkbook(ctx.response, `${table.key}-${year}.xlsx`, keyTableWorkbook(table))
  }
}
