import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { underDatabaseRules } from '#support/domain_errors'
import { toMoney } from '#support/money'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { ParticipationUpdateInput } from '#validators/hr'
import { correctedTrainingRecord } from '#actions/hr/training_records'

/** Corrects the days and hours of a participation (7 h a day by default); audited. */
export default class UpdateTrainingParticipation {
  static handle(
    _tenant: Tenant,
    input: ParticipationUpdateInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const participation = await correctedTrainingRecord(
        'participation',
        input.id,
        input.version,
        t
      )
      participation.merge({
        days: toMoney(input.days.toFixed(2)),
        hours: toMoney((input.hours ?? input.days * 7).toFixed(2)),
      })
      await underDatabaseRules(() => participation.save())
      return participation
    })
  }
}
