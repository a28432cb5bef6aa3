import type { HttpContext } from '@adonisjs/core/http'
import {
  participationUpdateValidator,
  trainingActionUpdateValidator,
  trainingFinancingUpdateValidator,
  trainingSessionUpdateValidator,
} from '#validators/hr'
import UpdateTrainingAction from '#actions/hr/update_training_action'
import UpdateTrainingSession from '#actions/hr/update_training_session'
import UpdateTrainingParticipation from '#actions/hr/update_training_participation'
import UpdateTrainingFinancing from '#actions/hr/update_training_financing'

const toPlan = ({ session, response }: HttpContext, done: string) => {
  session.flash('success', done)
  return response.redirect().toRoute('hr.training_plan')
}

/** Corrections of the training records: `PUT /rh/formation/{actions,sessions,…}/:id` (hr.write). */
export default class TrainingCorrectionsController {
  async action(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(trainingActionUpdateValidator)
    await UpdateTrainingAction.handle(ctx.tenant!, { ...input, id: Number(ctx.params.id) })
    return toPlan(ctx, 'Action de formation corrigée.')
  }

  async session(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(trainingSessionUpdateValidator)
    await UpdateTrainingSession.handle(ctx.tenant!, { ...input, id: Number(ctx.params.id) })
    return toPlan(ctx, 'Session corrigée.')
  }

  async financing(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(trainingFinancingUpdateValidator)
    await UpdateTrainingFinancing.handle(ctx.tenant!, { ...input, id: Number(ctx.params.id) })
    return toPlan(ctx, 'Financement corrigé.')
  }

  async participation({ params, request, tenant, session, response }: HttpContext) {
    const input = await request.validateUsing(participationUpdateValidator)
    const row = await UpdateTrainingParticipation.handle(tenant!, {
      ...input,
      id: Number(params.id),
    })
    session.flash('success', 'Participation corrigée.')
    return response.redirect().toRoute('hr.personal.employees.show', { id: row.employeeId })
  }
}
