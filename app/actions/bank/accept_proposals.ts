import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { recordEvent } from '#support/audit'
import { RuleError } from '#support/domain_errors'
import type { ProposalInput } from '#validators/bank'
import { lockBankAccount } from '#actions/bank/bank_accounts'
import { createMatch, type MatchSides } from '#actions/bank/matching'
import { MatchProposals, type Candidate } from '#reports/bank/match_proposals'

function sidesOf(operationId: number, candidate: Pick<Candidate, 'target' | 'id'>): MatchSides {
  const id = Number(candidate.id)
  return {
    operationIds: [operationId],
    entryLineIds: candidate.target === 'entry_line' ? [id] : [],
    receiptIds: candidate.target === 'grant_receipt' ? [id] : [],
    instalmentIds: candidate.target === 'grant_instalment' ? [id] : [],
  }
}

/** Accepts one proposal: the candidate must still be proposed for that operation. */
export class AcceptProposal {
  static handle(
    tenant: Tenant,
    input: ProposalInput & { bankAccountId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const account = await lockBankAccount(input.bankAccountId, t)
      const proposals = await new MatchProposals(tenant, { bankAccountId: account.id }, t).build()
      const proposal = proposals.find((p) => p.operation.id === input.operationId)
      const candidate = proposal?.candidates.find(
        (c) => c.target === input.target && c.id === String(input.targetId)
      )
      if (!proposal || !candidate) {
        throw new RuleError('Cette proposition n’est plus valable : actualisez la page.')
      }
      return createMatch(
        tenant,
        account,
        sidesOf(input.operationId, candidate),
        'proposal',
        null,
        t
      )
    })
  }
}

/** Accepts every unambiguous proposal of a bank account, in one transaction and one audit event. */
export class AcceptUnambiguousProposals {
  static handle(tenant: Tenant, input: { bankAccountId: number }, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const account = await lockBankAccount(input.bankAccountId, t)
      const proposals = await new MatchProposals(tenant, { bankAccountId: account.id }, t).build()
      const chosen = proposals.filter((p) => p.unambiguous)
      if (chosen.length === 0) throw new RuleError('Aucune proposition sans ambiguïté à accepter.')
      const matches: Array<{ id: number }> = await t
        .table('bank_matches')
        .multiInsert(
          chosen.map(() => ({
            organisation_id: tenant.organisationId,
            bank_account_id: account.id,
            origin: 'proposal',
            user_id: tenant.userId,
          }))
        )
        .returning('id')
      const items = chosen.flatMap((proposal, index) => {
        const candidate = proposal.candidates[0]
        const sides = sidesOf(proposal.operation.id, candidate)
        const base = { organisation_id: tenant.organisationId, match_id: matches[index].id }
        const amount = proposal.operation.amount.toFixed(2)
        return [
          { ...base, bank_operation_id: proposal.operation.id, amount },
          {
            ...base,
            entry_line_id: sides.entryLineIds![0] ?? null,
            grant_receipt_id: sides.receiptIds![0] ?? null,
            grant_payment_schedule_id: sides.instalmentIds![0] ?? null,
            amount: candidate.amount.toFixed(2),
          },
        ]
      })
      for (let i = 0; i < items.length; i += 1000) {
        await t.table('bank_match_items').multiInsert(items.slice(i, i + 1000))
      }
      await recordEvent({
        domain: 'accounting',
        action: 'match',
        subjectType: 'bank_accounts',
        subjectId: account.id,
        summary: `Rapprochement bancaire (${account.name}) : ${chosen.length} proposition(s) acceptée(s)`,
        after: { matches: matches.map((m) => m.id) },
        trx: t,
      })
      return chosen.length
    })
  }
}
