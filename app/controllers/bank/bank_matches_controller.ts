import type { HttpContext } from '@adonisjs/core/http'
import MatchOperations from '#actions/bank/match_operations'
import { manualMatchValidator } from '#validators/bank'

/** A match made by hand: operations against ledger lines, receipts or instalments. */
export default class BankMatchesController {
  async store({ params, request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(manualMatchValidator)
    await MatchOperations.handle(tenant!, { ...input, bankAccountId: Number(params.id) })
    session.flash('success', 'Rapprochement enregistré.')
    return response.redirect().toRoute('bank.matching.show', { id: params.id })
  }
}
