import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Decimal } from 'decimal.js'
import QuorumRule from '#models/governance/quorum_rule'
import { NotFoundError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { assertVersion } from '#support/optimistic_lock'
import { MEETING_KINDS, type MeetingKind } from '#vocabulary/governance'

export interface QuorumRuleInput {
  basis: 'members' | 'votes'
  countsRepresented?: boolean
  percent: number
  comparison: 'gte' | 'gt'
  secondConveningWithoutQuorum?: boolean
  maxProxiesPerPerson: number
  version?: number
}

/** Whether `kind` names a kind of meeting (a rule exists for each, once set). */
export function isMeetingKind(kind: string): kind is MeetingKind {
  return Object.hasOwn(MEETING_KINDS, kind)
}

/** Sets the statutes' quorum and proxy rule of one kind of meeting (created on first save). */
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
      fraction: new Decimal(input.percent).div(100).toDecimalPlaces(4),
      comparison: input.comparison,
      secondConveningWithoutQuorum: input.secondConveningWithoutQuorum ?? false,
      maxProxiesPerPerson: input.maxProxiesPerPerson,
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
