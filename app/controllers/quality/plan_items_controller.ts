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

/** Working groups, members, actions and milestones of the strategic plan. */
export default class PlanItemsController {
  async storeGroup({ request, response, session, tenant }: HttpContext) {
    await CreateWorkingGroup.handle(tenant!, await request.validateUsing(workingGroupValidator))
    session.flash('success', 'Groupe de travail créé.')
    return response.redirect().toRoute('quality.plan.index')
  }

  async storeMember({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(memberValidator)
    await AddWorkingGroupMember.handle(tenant!, { ...payload, groupId: Number(params.id) })
    session.flash('success', 'Membre ajouté au groupe.')
    return response.redirect().toRoute('quality.plan.index')
  }

  async storeAction({ request, response, session, tenant }: HttpContext) {
    await AddStrategicAction.handle(tenant!, await request.validateUsing(actionValidator))
    session.flash('success', 'Action ajoutée.')
    return response.redirect().toRoute('quality.plan.index')
  }

  async updateAction({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(actionStatusValidator)
    await UpdateActionStatus.handle(tenant!, { ...payload, actionId: Number(params.id) })
    session.flash('success', payload.title ? 'Action corrigée.' : "Statut de l'action mis à jour.")
    return response.redirect().toRoute('quality.plan.index')
  }

  async storeMilestone({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(milestoneValidator)
    await AddMilestone.handle(tenant!, { ...payload, actionId: Number(params.id) })
    session.flash('success', 'Jalon ajouté.')
    return response.redirect().toRoute('quality.plan.index')
  }

  async reachMilestone({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(milestoneReachedValidator)
    await ReachMilestone.handle(tenant!, { ...payload, milestoneId: Number(params.id) })
    session.flash('success', payload.title ? 'Jalon corrigé.' : 'Jalon marqué comme atteint.')
    return response.redirect().toRoute('quality.plan.index')
  }
}
