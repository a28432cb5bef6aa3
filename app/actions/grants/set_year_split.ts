import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { YearSplitInput } from '#validators/grants'
import { lockGrant, setYearSplit } from '#actions/grants/conventions'

/** Replaces the convention's split by fiscal year (never above the awarded amount). */
export default class SetYearSplit {
  static handle(
    _tenant: Tenant,
    input: YearSplitInput & { grantId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) =>
      setYearSplit(await lockGrant(input.grantId, t), input.years, t)
    )
  }
}
