import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { underDatabaseRules } from '#support/domain_errors'
import GrantBudgetLine from '#models/grants/grant_budget_line'
import type { BudgetLineInput } from '#validators/grants'
import { budgetKeyOf, lockOpenGrant } from '#actions/grants/budget_lines'

/** Adds a line (a cost nature or a programme, and its amount) to a convention's cost budget. */
export default class AddBudgetLine {
  static handle(
    _tenant: Tenant,
    input: BudgetLineInput & { grantId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const grant = await lockOpenGrant(input.grantId, t)
      const key = await budgetKeyOf(input.line, t)
      return underDatabaseRules(() =>
        GrantBudgetLine.create({ grantId: grant.id, ...key, amount: input.amount }, { client: t })
      )
    })
  }
}
