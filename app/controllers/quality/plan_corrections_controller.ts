import type { HttpContext } from '@adonisjs/core/http'
import { axisUpdateValidator, workingGroupUpdateValidator } from '#validators/quality'
import UpdateStrategicAxis from '#actions/quality/update_strategic_axis'
import UpdateWorkingGroup from '#actions/quality/update_working_group'
import RemovePlanItem from '#actions/quality/remove_plan_item'
import ArchivePlanItem from '#actions/quality/archive_plan_item'
import { PLAN_ITEM_KINDS, type PlanItemKind } from '#vocabulary/quality'

/** Corrections of the strategic plan: axes and groups edited, any item deleted or archived. */
export default class PlanCorrectionsController {
  async updateAxis({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(axisUpdateValidator)
    await UpdateStrategicAxis.handle(tenant!, { ...payload, axisId: Number(params.id) })
    session.flash('success', 'Axe corrigé.')
    return response.redirect().toRoute('quality.plan.index')
  }

  async updateGroup({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(workingGroupUpdateValidator)
    await UpdateWorkingGroup.handle(tenant!, { ...payload, groupId: Number(params.id) })
    session.flash('success', 'Groupe de travail corrigé.')
    return response.redirect().toRoute('quality.plan.index')
  }

  destroyAxis(ctx: HttpContext) {
    return this.remove(ctx, 'axis')
  }
  destroyGroup(ctx: HttpContext) {
    return this.remove(ctx, 'working_group')
  }
  destroyAction(ctx: HttpContext) {
    return this.remove(ctx, 'action')
  }
  destroyMilestone(ctx: HttpContext) {
    return this.remove(ctx, 'milestone')
  }

  archiveAxis(ctx: HttpContext) {
    return this.archive(ctx, 'axis')
  }
  archiveGroup(ctx: HttpContext) {
    return this.archive(ctx, 'working_group')
  }
  archiveAction(ctx: HttpContext) {
    return this.archive(ctx, 'action')
  }
  archiveMilestone(ctx: HttpContext) {
    return this.archive(ctx, 'milestone')
  }

  private async remove({ params, response, session, tenant }: HttpContext, kind: PlanItemKind) {
    await RemovePlanItem.handle(tenant!, { kind, id: Number(params.id) })
    session.flash('success', `${PLAN_ITEM_KINDS[kind]} supprimé(e).`)
    return response.redirect().toRoute('quality.plan.index')
  }

  private async archive({ params, response, session, tenant }: HttpContext, kind: PlanItemKind) {
    await ArchivePlanItem.handle(tenant!, { kind, id: Number(params.id) })
    session.flash('success', `${PLAN_ITEM_KINDS[kind]} archivé(e).`)
    return response.redirect().toRoute('quality.plan.index')
  }
}
