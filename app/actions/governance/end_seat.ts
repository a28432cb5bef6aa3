import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DateTime } from 'luxon'
import Seat from '#models/governance/seat'
import { underDatabaseRules } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { endSeat } from '#actions/governance/seats'

/** Ends a mandate on a day; returns the seats whose derived votes were recomputed. */
export default class EndSeat {
  static handle(
    _tenant: Tenant,
    input: { seatId: number; mandateEnd: DateTime },
    trx?: TransactionClientContract
  ) {
    return underDatabaseRules(() =>
      withTransaction(trx, async (t) => {
        const seat = await Seat.query({ client: t })
          .where('id', input.seatId)
          .forUpdate()
          .firstOrFail()
        return endSeat(seat, input.mandateEnd, t)
      })
    )
  }
}
