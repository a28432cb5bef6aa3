import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StrategicAxis from '#models/quality/strategic_axis'
import StrategicAction from '#models/quality/strategic_action'
import OrganisationPerson from '#models/core/organisation_person'
import { calendarDate } from '#support/calendar_date'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { ActionForm } from '#validators/quality'

/** An action on an axis of the plan, with its owner (a member of the organisation, or a name). */
export default class AddStrategicAction {
  static handle(_tenant: Tenant, input: ActionForm, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      await StrategicAxis.findOrFail(input.axisId, { client: t })
      if (input.ownerId) await OrganisationPerson.assertChoosable(input.ownerId, 'ownerId', t)
      return StrategicAction.create(
        {
          axisId: input.axisId,
          title: input.title,
          ownerId: input.ownerId ?? null,
          ownerName: input.ownerName ?? null,
          status: input.status,
          dueDate: calendarDate(input.dueDate),
        },
        { client: t }
      )
    })
  }
}
