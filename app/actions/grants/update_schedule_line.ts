import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { assertVersion } from '#support/optimistic_lock'
import { underDatabaseRules } from '#support/domain_errors'
import type { ScheduleUpdateInput } from '#validators/grants'
import { assertScheduleRoom, parisDay } from '#actions/grants/conventions'
import { assertEditable, correctionOf } from '#actions/grants/corrections'

/** Corrects an instalment that no receipt is matched to (never above the awarded amount). */
export default class UpdateScheduleLine {
  static handle(
    tenant: Tenant,
    input: ScheduleUpdateInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const state = await correctionOf(tenant, 'schedule', input.id, t)
      assertEditable(state)
      const line = state.item
      await assertScheduleRoom(state.grant, input.amount, line.amount, t)
      assertVersion(line, input.version)
      line.merge({
        kind: input.kind,
        label: input.label ?? null,
        expectedOn: parisDay(input.expectedOn),
        amount: input.amount,
      })
      await underDatabaseRules(() => line.save())
      return line
    })
  }
}
