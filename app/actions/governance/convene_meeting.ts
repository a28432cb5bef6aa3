import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { underDatabaseRules } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { conveneMeeting, type MeetingInput } from '#actions/governance/meetings'

/**
 * Creates a meeting and convenes every titular seat running on its date (see conveneMeeting);
 * the database's refusals come back as the statutes' French rules.
 */
export default class ConveneMeeting {
  static handle(_tenant: Tenant, input: MeetingInput, trx?: TransactionClientContract) {
    return underDatabaseRules(() => withTransaction(trx, (t) => conveneMeeting(input, t)))
  }
}
