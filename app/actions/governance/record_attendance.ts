import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Meeting from '#models/governance/meeting'
import { underDatabaseRules } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { AttendanceStatus } from '#vocabulary/governance'
import { recordAttendance } from '#actions/governance/meetings'

export interface AttendanceInput {
  meetingId: number
  attendanceId: number
  status: AttendanceStatus
  proxyToId?: number | null
}

/** Records one member's attendance, the meeting locked (rules: see recordAttendance). */
export default class RecordAttendance {
  static handle(_tenant: Tenant, input: AttendanceInput, trx?: TransactionClientContract) {
    return underDatabaseRules(() =>
      withTransaction(trx, async (t) => {
        const meeting = await Meeting.query({ client: t })
          .where('id', input.meetingId)
          .forUpdate()
          .firstOrFail()
        return recordAttendance(
          meeting,
          input.attendanceId,
          input.status,
          input.proxyToId ?? null,
          t
        )
      })
    )
  }
}
