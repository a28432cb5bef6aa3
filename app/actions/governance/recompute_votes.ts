import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DateTime } from 'luxon'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { recomputeDerivedWeights } from '#actions/governance/derived_weights'
import { parisToday } from '#actions/governance/member_rules'

/** Brings the stored votes of the seats running on `day` (today) back to the statutes' rules. */
export default class RecomputeVotes {
  static handle(_tenant: Tenant, input: { day?: DateTime } = {}, trx?: TransactionClientContract) {
    return withTransaction(trx, (t) => recomputeDerivedWeights(input.day ?? parisToday(), t))
  }
}
