import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { underDatabaseRules } from '#support/domain_errors'
import { lockAtVersion } from '#support/optimistic_lock'
import GrantBudgetLine from '#models/grants/grant_budget_line'
import type { BudgetAmountInput } from '#validators/grants'
import { lockOpenGrant } from '#actions/grants/budget_lines'

/** Corrects the amount of a line of a convention's cost budget, at the version read. */
export default class UpdateBudgetLine {
  static handle(
    _tenant: Tenant,
    input: BudgetAmountInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const line = await GrantBudgetLine.query({ client: t }).where('id', input.id).firstOrFail()
      await lockOpenGrant(line.grantId, t)
      const locked = await lockAtVersion(GrantBudgetLine, line.id, input.version, t)
      locked.amount = input.amount
      await underDatabaseRules(() => locked.useTransaction(t).save())
      return locked
    })
  }
}
