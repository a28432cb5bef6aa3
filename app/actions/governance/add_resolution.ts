import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Meeting from '#models/governance/meeting'
import { underDatabaseRules } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { addResolution, type ResolutionInput } from '#actions/governance/meetings'

/** Puts a resolution on a meeting's agenda, numbered after the last one (meeting locked). */
export default class AddResolution {
  static handle(
    _tenant: Tenant,
    input: ResolutionInput & { meetingId: number },
    trx?: TransactionClientContract
  ) {
    const { meetingId, ...resolution } = input
    return underDatabaseRules(() =>
      withTransaction(trx, async (t) => {
        const meeting = await Meeting.query({ client: t })
          .where('id', meetingId)
          .forUpdate()
          .firstOrFail()
        return addResolution(
          meeting,
          { ...resolution, fiscalYearId: resolution.fiscalYearId ?? null },
          t
        )
      })
    )
  }
}
