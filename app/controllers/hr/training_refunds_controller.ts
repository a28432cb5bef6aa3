import type { HttpContext } from '@adonisjs/core/http'
import { trainingRefundValidator } from '#validators/hr'
import RecordTrainingRefund from '#actions/hr/record_training_refund'

/** The refund received against a financing request: `POST /rh/formation/financements/:id/remboursement`. */
export default class TrainingRefundsController {
  async store({ params, request, tenant, session, response }: HttpContext) {
    const input = await request.validateUsing(trainingRefundValidator)
    await RecordTrainingRefund.handle(tenant!, { ...input, id: Number(params.id) })
    session.flash('success', 'Remboursement enregistré.')
    return response.redirect().toRoute('hr.training_plan')
  }
}
