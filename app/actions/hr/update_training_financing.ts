import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { RuleError, underDatabaseRules } from '#support/domain_errors'
import { roundCents } from '#support/money'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { TrainingFinancingUpdateInput } from '#validators/hr'
import { correctedTrainingRecord } from '#actions/hr/training_records'

/**
 * Corrects a financing request (funder, mode, date, amount requested); the refund received is
 * recorded apart (RecordTrainingRefund). Uniformation, and only it, needs a mode; audited.
 */
export default class UpdateTrainingFinancing {
  static handle(
    _tenant: Tenant,
    input: TrainingFinancingUpdateInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const line = await correctedTrainingRecord('financing', input.id, input.version, t)
      if ((input.funder === 'uniformation') !== Boolean(input.mode)) {
        throw new RuleError(
          'Le mode de financement est obligatoire pour Uniformation, et seulement pour elle.',
          { field: 'mode' }
        )
      }
      line.merge({
        funder: input.funder,
        mode: input.funder === 'uniformation' ? (input.mode ?? null) : null,
        requestedOn: DateTime.fromJSDate(input.requestedOn),
        amountExpected: roundCents(input.amountExpected),
      })
      await underDatabaseRules(() => line.save())
      return line
    })
  }
}
