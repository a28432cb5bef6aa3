import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import GrantBudgetLine from '#models/grants/grant_budget_line'
import { lockOpenGrant } from '#actions/grants/budget_lines'

/** Removes a line from a convention's cost budget (the audit keeps what it was). */
export default class DeleteBudgetLine {
  static handle(_tenant: Tenant, input: { id: number }, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const line = await GrantBudgetLine.query({ client: t }).where('id', input.id).firstOrFail()
      await lockOpenGrant(line.grantId, t)
      await line.useTransaction(t).delete()
      return line
    })
  }
}
