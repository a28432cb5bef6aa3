import type { HttpContext } from '@adonisjs/core/http'
import {
  actionStatusValidator,
  actionValidator,
  memberValidator,
  milestoneReachedValidator,
  milestoneValidator,
  workingGroupValidator,
} from '#validators/quality'
import CreateWorkingGroup from '#actions/quality/create_working_group'
import AddWorkingGroupMember from '#actions/quality/add_working_group_member'
import AddStrategicAction from '#actions/quality/add_strategic_action'
import UpdateActionStatus from '#actions/quality/update_action_status'
import AddMilestone from '#actions/quality/add_milestone'
import ReachMilestone from '#actions/quality/reach_milestone'

/** Back to the plan with the confirmation of what was done. */
function backToPlan({ response, session }: HttpContext, message: string) {
  session.flash('success', message)
  return response.redirect().toRoute('quality.plan.index')
}

/** Working groups, members, actions and milestones of the strategic plan. */
export default class PlanItemsController {
  async storeGroup(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(workingGroupValidator)
    await CreateWorkingGroup.handle(ctx.tenant!, payload)
    return backToPlan(ctx, 'Groupe de travail créé.')
  }

  async storeMember(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(memberValidator)
    await AddWorkingGroupMember.handle(ctx.tenant!, { ...payload, groupId: Number(ctx.params.id) })
    return backToPlan(ctx, 'Membre ajouté au groupe.')
  }

  async storeAction(ctx: HttpContext) {
    await AddStrategicAction.handle(ctx.tenant!, await ctx.request.validateUsing(actionValidator))
    return backToPlan(ctx, 'Action ajoutée.')
  }

  async updateAction(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(actionStatusValidator)
    await UpdateActionStatus.handle(ctx.tenant!, { ...payload, actionId: Number(ctx.params.id) })
    return backToPlan(ctx, payload.title ? 'Action corrigée.' : "Statut de l'action mis à jour.")
  }

  async storeMilestone(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(milestoneValidator)
    await AddMilestone.handle(ctx.tenant!, { ...payload, actionId: Number(ctx.params.id) })
    return backToPlan(ctx, 'Jalon ajouté.')
  }

  async reachMilestone(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(milestoneReachedValidator)
    await ReachMilestone.handle(ctx.tenant!, { ...payload, milestoneId: Number(ctx.params.id) })
    return backToPlan(ctx, payload.title ? 'Jalon corrigé.' : 'Jalon marqué comme atteint.')
  }
}
