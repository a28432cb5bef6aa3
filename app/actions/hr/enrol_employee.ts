import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Employee from '#models/hr/employee'
import TrainingParticipant from '#models/hr/training_participant'
import { ConflictError } from '#support/domain_errors'
import { toMoney } from '#support/money'
import type { Tenant } from '#support/request_context'
import { liveParent } from '#actions/hr/training_records'
import { withTransaction } from '#support/transaction'
import type { ParticipationInput } from '#validators/hr'

/** Enrols an employee in a training session (once), with days and hours (7 h a day by default). */
export default class EnrolEmployee {
  static handle(
    _tenant: Tenant,
    input: ParticipationInput & { employeeId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const employee = await Employee.findOrFail(input.employeeId, { client: t })
      await liveParent('session', input.trainingSessionId, t)
      const exists = await TrainingParticipant.query({ client: t })
        .where('training_session_id', input.trainingSessionId)
        .where('employee_id', employee.id)
        .whereNull('cancelled_at')
        .first()
      if (exists) {
        throw new ConflictError('Ce salarié est déjà inscrit à cette session.', {
          field: 'trainingSessionId',
        })
      }
      return TrainingParticipant.create(
        {
          trainingSessionId: input.trainingSessionId,
          employeeId: employee.id,
          days: toMoney(input.days.toFixed(2)),
          hours: toMoney((input.hours ?? input.days * 7).toFixed(2)),
        },
        { client: t }
      )
    })
  }
}
