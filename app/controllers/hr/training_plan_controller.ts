import type { HttpContext } from '@adonisjs/core/http'
import { HR_OPTIONS } from '#vocabulary/hr'
import { urlFor } from '@adonisjs/core/services/url_builder'
import TrainingPlan from '#reports/hr/training_plan'
import { trainingPlanWorkbook } from '#exports/hr/training_plan'
import { sendWorkbook } from '#http/downloads'
import CreateTrainingAction from '#actions/hr/create_training_action'
import AddTrainingSession from '#actions/hr/add_training_session'
import AddTrainingCost from '#actions/hr/add_training_cost'
import AddTrainingFinancing from '#actions/hr/add_training_financing'
import EnrolEmployee from '#actions/hr/enrol_employee'
import {
  trainingActionValidator,
  trainingSessionValidator,
  trainingCostValidator,
  trainingFinancingValidator,
  participationValidator,
} from '#validators/hr'

/** Training actions, sessions, cost and financing lines; participations (hr.write). */
export default class TrainingPlanController {
  async index({ view, tenant }: HttpContext) {
    const plan = await new TrainingPlan(tenant!, {}).build()
    return view.render('pages/hr/training_plan', {
      plan,
      options: HR_OPTIONS,
      breadcrumbs: [
        { label: 'Ressources humaines', href: urlFor('hr.home') },
        { label: 'Actions de formation' },
      ],
    })
  }

  async export({ response, tenant }: HttpContext) {
    const plan = await new TrainingPlan(tenant!, {}).build()
    return sendWorkbook(response, 'actions-de-formation.xlsx', await trainingPlanWorkbook(plan))
  }

  async storeAction({ request, tenant, session, response }: HttpContext) {
    await CreateTrainingAction.handle(tenant!, await request.validateUsing(trainingActionValidator))
    session.flash('success', 'Action de formation créée.')
    return response.redirect().toRoute('hr.training_plan')
  }

  async storeSession({ request, tenant, session, response }: HttpContext) {
    await AddTrainingSession.handle(tenant!, await request.validateUsing(trainingSessionValidator))
    session.flash('success', 'Session créée.')
    return response.redirect().toRoute('hr.training_plan')
  }

  async storeCost({ request, tenant, session, response }: HttpContext) {
    await AddTrainingCost.handle(tenant!, await request.validateUsing(trainingCostValidator))
    session.flash('success', 'Coût enregistré.')
    return response.redirect().toRoute('hr.training_plan')
  }

  async storeFinancing({ request, tenant, session, response }: HttpContext) {
    const input = await request.validateUsing(trainingFinancingValidator)
    await AddTrainingFinancing.handle(tenant!, input)
    session.flash('success', 'Financement enregistré.')
    return response.redirect().toRoute('hr.training_plan')
  }

  async storeParticipation({ params, request, tenant, session, response }: HttpContext) {
    const input = await request.validateUsing(participationValidator)
    await EnrolEmployee.handle(tenant!, { ...input, employeeId: params.id })
    session.flash('success', 'Participation enregistrée.')
    return response.redirect().toRoute('hr.personal.employees.show', { id: params.id })
  }
}
