import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import StrategicPlan from '#models/quality/strategic_plan'
import StrategicAxis from '#models/quality/strategic_axis'
import StrategicAction from '#models/quality/strategic_action'
import ActionMilestone from '#models/quality/action_milestone'
import WorkingGroup from '#models/quality/working_group'
import WorkingGroupMember from '#models/quality/working_group_member'
import User from '#models/core/user'
import {
  actionStatusValidator,
  actionValidator,
  memberValidator,
  milestoneReachedValidator,
  milestoneValidator,
  workingGroupValidator,
} from '#validators/quality'
import { assertVersion } from '#support/optimistic_lock'
import { calendarDate } from '#support/calendar_date'
import { RuleError } from '#support/domain_errors'

/** Working groups, members, actions and milestones of the strategic plan. */
export default class PlanItemsController {
  async storeGroup({ request, response, session }: HttpContext) {
    const payload = await request.validateUsing(workingGroupValidator)
    const plan = await StrategicPlan.current().firstOrFail()
    if (payload.axisId) await StrategicAxis.findOrFail(payload.axisId)
    await db.transaction((trx) =>
      WorkingGroup.create(
        { name: payload.name, axisId: payload.axisId ?? null, planId: plan.id },
        { client: trx }
      )
    )
    session.flash('success', 'Groupe de travail créé.')
    return response.redirect('/qualite/plan')
  }

  async storeMember({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(memberValidator)
    const group = await WorkingGroup.findOrFail(params.id)
    if (!payload.userId && !payload.fullName) {
      throw new RuleError('Choisissez un utilisateur ou saisissez le nom du membre.')
    }
    if (payload.userId) await User.findOrFail(payload.userId)
    await db.transaction((trx) =>
      WorkingGroupMember.create(
        {
          workingGroupId: group.id,
          userId: payload.userId ?? null,
          fullName: payload.fullName ?? null,
          role: payload.role ?? null,
        },
        { client: trx }
      )
    )
    session.flash('success', 'Membre ajouté au groupe.')
    return response.redirect('/qualite/plan')
  }

  async storeAction({ request, response, session }: HttpContext) {
    const payload = await request.validateUsing(actionValidator)
    await StrategicAxis.findOrFail(payload.axisId)
    if (payload.ownerId) await User.findOrFail(payload.ownerId)
    await db.transaction((trx) =>
      StrategicAction.create(
        {
          axisId: payload.axisId,
          title: payload.title,
          ownerId: payload.ownerId ?? null,
          ownerName: payload.ownerName ?? null,
          status: payload.status,
          dueDate: calendarDate(payload.dueDate),
        },
        { client: trx }
      )
    )
    session.flash('success', 'Action ajoutée.')
    return response.redirect('/qualite/plan')
  }

  async updateAction({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(actionStatusValidator)
    await db.transaction(async (trx) => {
      const action = await StrategicAction.query({ client: trx })
        .where('id', params.id)
        .forUpdate()
        .firstOrFail()
      assertVersion(action, payload.version)
      action.status = payload.status
      await action.save()
    })
    session.flash('success', "Statut de l'action mis à jour.")
    return response.redirect('/qualite/plan')
  }

  async storeMilestone({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(milestoneValidator)
    const action = await StrategicAction.findOrFail(params.id)
    await db.transaction((trx) =>
      ActionMilestone.create(
        {
          actionId: action.id,
          title: payload.title,
          dueDate: calendarDate(payload.dueDate),
          reachedOn: calendarDate(payload.reachedOn),
        },
        { client: trx }
      )
    )
    session.flash('success', 'Jalon ajouté.')
    return response.redirect('/qualite/plan')
  }

  async reachMilestone({ params, request, response, session }: HttpContext) {
    const { reachedOn } = await request.validateUsing(milestoneReachedValidator)
    await db.transaction(async (trx) => {
      const milestone = await ActionMilestone.query({ client: trx })
        .where('id', params.id)
        .forUpdate()
        .firstOrFail()
      milestone.reachedOn = calendarDate(reachedOn)
      await milestone.save()
    })
    session.flash('success', 'Jalon marqué comme atteint.')
    return response.redirect('/qualite/plan')
  }
}
