import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { recordEvent } from '#support/audit'
import { NotFoundError, RuleError } from '#support/domain_errors'
import BankMatch from '#models/bank/bank_match'
import BankUnmatching from '#models/bank/bank_unmatching'
import { lockBankAccount } from '#actions/bank/bank_accounts'

/**
 * Undoes a match: the match and its items stay, an unmatching row records who and why, and the
 * items stop being active so that both sides can be matched again.
 */
export default class Unmatch {
  static handle(
    tenant: Tenant,
    input: { matchId: number; reason: string },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const found = await BankMatch.query({ client: t }).where('id', input.matchId).first()
      if (!found) throw new NotFoundError('Ce rapprochement n’existe pas.')
      const account = await lockBankAccount(found.bankAccountId, t)
      const undone = await BankUnmatching.query({ client: t }).where('match_id', found.id).first()
      if (undone) throw new RuleError('Ce rapprochement a déjà été annulé.')
      await BankUnmatching.create(
        { matchId: found.id, userId: tenant.userId, reason: input.reason },
        { client: t }
      )
      await t
        .from('bank_match_items')
        .where({ organisation_id: tenant.organisationId, match_id: found.id })
        .update({ active: false })
      await recordEvent({
        domain: 'accounting',
        action: 'unmatch',
        subjectType: 'bank_matches',
        subjectId: found.id,
        summary: `Rapprochement bancaire annulé (${account.name}) : ${input.reason}`,
        before: { active: true },
        after: { active: false, reason: input.reason },
        trx: t,
      })
      return account
    })
  }
}
