import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { assertVersion } from '#support/optimistic_lock'
import { underDatabaseRules } from '#support/domain_errors'
import type { TargetUpdateInput } from '#validators/grants'
import { assertEditable, correctionOf } from '#actions/grants/corrections'

/** Corrects an activity target that no report sent has accounted for yet. */
export default class UpdateGrantTarget {
  static handle(
    tenant: Tenant,
    input: TargetUpdateInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const state = await correctionOf(tenant, 'target', input.id, t)
      assertEditable(state)
      const target = state.item
      assertVersion(target, input.version)
      target.merge({
        indicatorCode: input.indicatorCode,
        label: input.label,
        year: input.year,
        target: input.target,
      })
      await underDatabaseRules(() => target.save())
      return target
    })
  }
}
