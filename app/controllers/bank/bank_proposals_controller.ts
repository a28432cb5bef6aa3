import type { HttpContext } from '@adonisjs/core/http'
import { AcceptProposal, AcceptUnambiguousProposals } from '#actions/bank/accept_proposals'
import { proposalValidator } from '#validators/bank'

/** Accepting the matching proposals: one, or every unambiguous one. */
export default class BankProposalsController {
  async store({ params, request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(proposalValidator)
    await AcceptProposal.handle(tenant!, { ...input, bankAccountId: Number(params.id) })
    session.flash('success', 'Proposition acceptée.')
    return response.redirect().toRoute('bank.matching.show', { id: params.id })
  }

  async all({ params, response, session, tenant }: HttpContext) {
    const count = await AcceptUnambiguousProposals.handle(tenant!, {
      bankAccountId: Number(params.id),
    })
    session.flash('success', `${count} proposition(s) acceptée(s).`)
    return response.redirect().toRoute('bank.matching.show', { id: params.id })
  }
}
