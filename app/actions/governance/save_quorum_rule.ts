import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import QuorumRule from '#models/governance/quorum_rule'
import { NotFoundError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { assertVersion } from '#support/optimistic_lock'
import {
  MEETING_KINDS,
  type MeetingKind,
  type QuorumBasis,
  type QuorumComparison,
} from '#vocabulary/governance'

export interface QuorumRuleInput {
  basis: QuorumBasis
  countsRepresented?: boolean
  percent: number
  comparison: QuorumComparison
  secondConveningWithoutQuorum?: boolean
  maxProxiesPerPerson: number
  /** The statutes give the president a casting vote at this kind of meeting. */
  castingVote?: boolean
  version?: number
}

/** Whether `kind` names a kind of meeting (a rule exists for each, once set). */
export function isMeetingKind(kind: string): kind is MeetingKind {
  return Object.hasOwn(MEETING_KINDS, kind)
}

/**
 * Sets the statutes' quorum, proxy and casting-vote rule of one kind of meeting (created on first
 * save).
 */
export default class SaveQuorumRule {
  static handle(
    _tenant: Tenant,
    kind: string,
    input: QuorumRuleInput,
    trx?: TransactionClientContract
  ) {
    if (!isMeetingKind(kind)) throw new NotFoundError()
    const values = {
      basis: input.basis,
      countsRepresented: input.countsRepresented ?? false,
      fraction: toMoney(input.percent).div(100).toDecimalPlaces(4, Decimal.ROUND_HALF_UP),
      comparison: input.comparison,
      secondConveningWithoutQuorum: input.secondConveningWithoutQuorum ?? false,
      maxProxiesPerPerson: input.maxProxiesPerPerson,
      castingVote: input.castingVote ?? false,
    }
    return withTransaction(trx, async (t) => {
      const rule = await QuorumRule.query({ client: t })
        .where('meeting_kind', kind)
        .forUpdate()
        .first()
      if (rule) {
        assertVersion(rule, input.version)
        rule.merge(values)
        await rule.save()
        return rule
      }
      return QuorumRule.create({ meetingKind: kind, ...values }, { client: t })
    })
  }
}
