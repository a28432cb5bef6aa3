import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { sendWorkbook } from '#http/downloads'
import { pageYear } from '#http/year_choice'
import { ProgrammeTargetList } from '#reports/activity/programme_targets'
import { programmeTargetsWorkbook } from '#exports/activity/programme_targets'
import AddProgrammeTarget from '#actions/activity/add_programme_target'
import UpdateProgrammeTarget from '#actions/activity/update_programme_target'
import DeleteProgrammeTarget from '#actions/activity/delete_programme_target'
import ImportGrantTargets from '#actions/activity/import_grant_targets'
import { programmeTargetValidator, targetYearValidator } from '#validators/activity'
import { programmeTargetUpdateValidator } from '#validators/activity'

const back = (programmeId: number, year: number) => ({ id: programmeId, qs: { annee: year } })
/** A programme's yearly targets: listed beside its conventions' targets, edited, imported. */
export default class ProgrammeTargetsController {
  async index(ctx: HttpContext) {
    const list = await this.list(ctx)
    return ctx.view.render('pages/activity/programme_targets', {
      list,
      breadcrumbs: [
        { label: 'Activité', href: urlFor('activity.key_figures') },
        { label: 'Dispositifs', href: urlFor('activity.programmes') },
        { label: `Objectifs : ${list.programme.name}` },
      ],
    })
  }

  async export(ctx: HttpContext) {
    const list = await this.list(ctx)
    const name = `objectifs-${list.programme.code}-${list.year}.xlsx`
    return sendWorkbook(ctx.response, name, programmeTargetsWorkbook(list))
  }

  async store({ params, request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(programmeTargetValidator)
    await AddProgrammeTarget.handle(tenant!, { ...input, programmeId: Number(params.id) })
    session.flash('success', 'Objectif ajouté.')
    const { id, qs } = back(Number(params.id), input.year)
    return response.redirect().toRoute('activity.programmes.targets', { id }, { qs })
  }

  async update({ params, request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(programmeTargetUpdateValidator)
    const target = await UpdateProgrammeTarget.handle(tenant!, { ...input, id: Number(params.id) })
    session.flash('success', 'Objectif corrigé.')
    const { id, qs } = back(target.programmeId, target.year)
    return response.redirect().toRoute('activity.programmes.targets', { id }, { qs })
  }

  async destroy({ params, response, session, tenant }: HttpContext) {
    const target = await DeleteProgrammeTarget.handle(tenant!, { id: Number(params.id) })
    session.flash('success', 'Objectif supprimé.')
    const { id, qs } = back(target.programmeId, target.year)
    return response.redirect().toRoute('activity.programmes.targets', { id }, { qs })
  }

  async importFromGrants({ params, request, response, session, tenant }: HttpContext) {
    const { annee } = await request.validateUsing(targetYearValidator)
    const { changed } = await ImportGrantTargets.handle(tenant!, {
      programmeId: Number(params.id),
      year: annee,
    })
    session.flash('success', `Objectifs repris des conventions : ${changed} modification(s).`)
    const { id, qs } = back(Number(params.id), annee)
    return response.redirect().toRoute('activity.programmes.targets', { id }, { qs })
  }

  private async list(ctx: HttpContext) {
    const year = await pageYear(ctx, 'activity')
    return new ProgrammeTargetList(ctx.tenant!, {
      programmeId: Number(ctx.params.id),
      year,
    }).build()
  }
}
