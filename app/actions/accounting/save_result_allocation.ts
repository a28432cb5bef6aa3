import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { parseFrenchAmount, toMoney } from '#support/money'
import { withTransaction } from '#support/transaction'
import { LedgerError } from '#actions/accounting/errors'
import { saveAllocation } from '#actions/accounting/year_end'

export interface ResultAllocationForm {
  id: number
  decisionDate?: string
  decisionText?: string
  /** French amount put to reserves (blank: none). */
  toReserves?: string
  reserveAccount?: string
}

/** Records (or updates) the general assembly's decision on the result of a closed year. */
export default class SaveResultAllocation {
  static handle(tenant: Tenant, input: ResultAllocationForm, trx?: TransactionClientContract) {
    let toReserves
    try {
      toReserves = (input.toReserves ? parseFrenchAmount(input.toReserves) : null) ?? toMoney(0)
    } catch {
      throw new LedgerError(`Montant des réserves invalide : « ${input.toReserves} ».`)
    }
    return withTransaction(trx, (t) =>
      saveAllocation(t, tenant.organisationId, input.id, {
        decisionDate: input.decisionDate ?? null,
        decisionText: input.decisionText ?? null,
        toReserves,
        reserveAccount: input.reserveAccount,
      })
    )
  }
}
