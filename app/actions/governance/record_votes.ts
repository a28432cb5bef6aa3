import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Resolution from '#models/governance/resolution'
import { GovernanceRuleError } from '#models/governance/rule_error'
import { underDatabaseRules } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { VoteChoice } from '#vocabulary/governance'
import { recordVotes } from '#actions/governance/meetings'

export interface VotesInput {
  resolutionId: number
  choices: Array<{ attendanceId: number; choice: VoteChoice }>
}

/** Records the votes cast on a resolution (resolution locked); returns it. */
export default class RecordVotes {
  static handle(_tenant: Tenant, input: VotesInput, trx?: TransactionClientContract) {
    return underDatabaseRules(() =>
      withTransaction(trx, async (t) => {
        const resolution = await Resolution.query({ client: t })
          .where('id', input.resolutionId)
          .forUpdate()
          .firstOrFail()
        if (!input.choices.length) throw new GovernanceRuleError('Aucun vote saisi.')
        await recordVotes(resolution, input.choices, t)
        return resolution
      })
    )
  }
}
