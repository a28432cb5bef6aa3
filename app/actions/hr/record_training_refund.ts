import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import TrainingFinancingLine from '#models/hr/training_financing_line'
import { RuleError, underDatabaseRules } from '#support/domain_errors'
import { roundCents } from '#support/money'
import { assertVersion, lockRow } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { TrainingRefundInput } from '#validators/hr'
import { liveParent } from '#actions/hr/training_records'

/**
 * Records the refund received against a financing request (typically the OPCO's, months after
 * the request): the amount and the date; the training report shows the difference still due.
 */
export default class RecordTrainingRefund {
  static handle(
    _tenant: Tenant,
    input: TrainingRefundInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const line = await lockRow(TrainingFinancingLine, input.id, t)
      if (line.cancelledAt) {
        throw new RuleError('Cette demande est annulée : aucun remboursement ne peut y être reçu.')
      }
      await liveParent('action', line.trainingActionId, t)
      const receivedOn = DateTime.fromJSDate(input.receivedOn)
      if (receivedOn.toISODate()! < line.requestedOn.toISODate()!) {
        throw new RuleError(
          `Le remboursement ne peut pas être reçu avant la demande (${line.requestedOn.toFormat('dd/MM/yyyy')}).`,
          { field: 'receivedOn' }
        )
      }
      assertVersion(line, input.version)
      line.merge({ amountReceived: roundCents(input.amountReceived), receivedOn })
      await underDatabaseRules(() => line.save())
      return line
    })
  }
}
