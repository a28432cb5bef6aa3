import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { toMoney } from '#support/money'
import QuorumRule from '#models/governance/quorum_rule'
import { MEETING_KINDS } from '#vocabulary/governance'
import { codesOf } from '#vocabulary/labels'

/**
 * The usual quorum of each kind of meeting of an association (statutes commonly say: half of
 * the members present or represented, two thirds for an extraordinary general assembly, one
 * proxy per person). The organisation adjusts them to its statutes afterwards.
 */
export const DEFAULT_QUORUM_RULES = codesOf(MEETING_KINDS).map((meetingKind) => ({
  meetingKind,
  basis: 'members',
  countsRepresented: true,
  fraction: meetingKind === 'ag_extraordinaire' ? '0.6667' : '0.5',
  comparison: 'gte',
  secondConveningWithoutQuorum: meetingKind !== 'ag_extraordinaire',
  maxProxiesPerPerson: 1,
}))

/** Writes the default quorum rules for the acting organisation (run under actingAs). */
export async function seedQuorumRules(trx: TransactionClientContract) {
  for (const rule of DEFAULT_QUORUM_RULES) {
    await QuorumRule.create({ ...rule, fraction: toMoney(rule.fraction) }, { client: trx })
  }
}
