import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Decimal } from 'decimal.js'
import type { Tenant } from '#support/request_context'
import { parseFrenchAmount } from '#support/money'
import { withTransaction } from '#support/transaction'
import { LedgerError } from '#actions/accounting/errors'
import { setBudgetAmounts } from '#actions/accounting/budgets'

export interface BudgetAmountsInput {
  id: number
  /** The version of the budget the form was loaded with. */
  version: number
  /** French amounts typed per layout line code; blank removes the line's amount. */
  montants?: Record<string, string | undefined>
}

/** Replaces the amounts of a draft budget from its form. */
export default class SetBudgetAmounts {
  static handle(tenant: Tenant, input: BudgetAmountsInput, trx?: TransactionClientContract) {
    const amounts = new Map<string, Decimal | null>()
    for (const [code, text] of Object.entries(input.montants ?? {})) {
      try {
        amounts.set(code, text ? parseFrenchAmount(text) : null)
      } catch {
        throw new LedgerError(`Montant invalide pour la ligne ${code} : « ${text} ».`)
      }
    }
    return withTransaction(trx, (t) =>
      setBudgetAmounts(t, tenant.organisationId, input.id, input.version, amounts)
    )
  }
}
