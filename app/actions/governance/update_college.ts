import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import College from '#models/governance/college'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { assertVersion } from '#support/optimistic_lock'
import { recomputeDerivedWeights } from '#actions/governance/derived_weights'
import { parisToday } from '#actions/governance/member_rules'
import type { CollegeRuleKind } from '#vocabulary/governance'

export interface CollegeInput {
  id: number
  name: string
  maxSeats: number
  ruleKind: CollegeRuleKind
  votesPerSeat?: number
  ruleText?: string | null
  version?: number
}

/**
 * A college's cap and vote rule, as the statutes set them; the votes of the seats running today
 * follow (returned: the seats whose votes changed).
 */
export default class UpdateCollege {
  static handle(_tenant: Tenant, input: CollegeInput, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const college = await College.query({ client: t })
        .where('id', input.id)
        .forUpdate()
        .firstOrFail()
      assertVersion(college, input.version)
      const consultative = input.ruleKind === 'consultative'
      college.merge({
        name: input.name,
        maxSeats: input.maxSeats,
        voteRule: consultative
          ? { kind: 'consultative' }
          : { kind: 'fixed_per_seat', votes: input.votesPerSeat ?? 1 },
        deliberative: !consultative,
        ruleText: input.ruleText ?? null,
      })
      await college.save()
      return recomputeDerivedWeights(parisToday(), t)
    })
  }
}
