import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Meeting from '#models/governance/meeting'
import { GovernanceRuleError } from '#models/governance/rule_error'
import { underDatabaseRules } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { AttendanceChange } from '#actions/governance/attendance_rules'
import { recordAttendanceList } from '#actions/governance/meetings'

/**
 * Records the attendance of the whole list in one form (one row per convened person: present,
 * absent, excused, represented by a proxy or by their alternate): one transaction, the meeting
 * locked, every changed row audited; a refusal leaves the list as it was (rules: see
 * recordAttendanceList). Returns the number of rows changed.
 */
export default class RecordAttendanceList {
  static handle(
    _tenant: Tenant,
    input: { meetingId: number; rows: AttendanceChange[] },
    trx?: TransactionClientContract
  ) {
    return underDatabaseRules(() =>
      withTransaction(trx, async (t) => {
        const meeting = await Meeting.query({ client: t })
          .where('id', input.meetingId)
          .forUpdate()
          .firstOrFail()
        if (!input.rows.length) throw new GovernanceRuleError('Aucune présence saisie.')
        const { changed } = await recordAttendanceList(meeting, input.rows, t)
        return changed
      })
    )
  }
}
