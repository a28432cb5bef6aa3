import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Decimal } from 'decimal.js'
import type { Tenant } from '#support/request_context'
import { ZERO } from '#support/money'
import { withTransaction } from '#support/transaction'
import { saveAllocation } from '#actions/accounting/year_end'

export interface ResultAllocationForm {
  /** The closed fiscal year whose result is allocated. */
  id: number
  /** The general assembly's adopted resolution, chosen in the form (never typed). */
  resolutionId?: number | null
  /** Amount put to reserves (blank: none), already parsed by `frenchAmount()`. */
  toReserves?: Decimal | null
  reserveAccount?: string
}

/**
 * Records (or updates) the allocation of a closed year's result, founded on the general
 * assembly's adopted resolution for that year. Refused in French, nothing written, for a board
 * or bureau resolution, a rejected or unproclaimed one, one of another year or organisation, one
 * already cited, or none (see `allocationRefusal`).
 */
export default class SaveResultAllocation {
  static handle(tenant: Tenant, input: ResultAllocationForm, trx?: TransactionClientContract) {
    return withTransaction(trx, (t) =>
      saveAllocation(t, tenant.organisationId, input.id, {
        resolutionId: input.resolutionId ?? null,
        toReserves: input.toReserves ?? ZERO,
        reserveAccount: input.reserveAccount,
      })
    )
  }
}
