import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { ManualMatchInput } from '#validators/bank'
import { lockBankAccount } from '#actions/bank/bank_accounts'
import { createMatch } from '#actions/bank/matching'

/**
 * Matches by hand: one or more bank operations with one or more ledger lines, grant receipts or
 * instalments whose amounts sum to the same total (one to many, many to one).
 */
export default class MatchOperations {
  static handle(
    tenant: Tenant,
    input: ManualMatchInput & { bankAccountId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const account = await lockBankAccount(input.bankAccountId, t)
      return createMatch(tenant, account, input, 'manual', input.note ?? null, t)
    })
  }
}
