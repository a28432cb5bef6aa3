import type { HttpContext } from '@adonisjs/core/http'
import Unmatch from '#actions/bank/unmatch'
import { unmatchValidator } from '#validators/bank'

/** Undoing a match, with its reason. */
export default class BankUnmatchingsController {
  async store({ params, request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(unmatchValidator)
    const account = await Unmatch.handle(tenant!, {
      matchId: Number(params.id),
      reason: input.reason,
    })
    session.flash('success', 'Rapprochement annulé.')
    return response.redirect().toRoute('bank.matching.show', { id: account.id })
  }
}
