import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import QuorumRule from '#models/governance/quorum_rule'

/**
 * The usual quorum of each kind of meeting of an association (statutes commonly say: half of
 * the members present or represented, two thirds for an extraordinary general assembly, one
 * proxy per person). The organisation adjusts them to its statutes afterwards.
 */
export const DEFAULT_QUORUM_RULES = [
  'ca',
  'ag_ordinaire',
  'ag_extraordinaire',
  'bureau',
  'comite_antenne',
].map((meetingKind) => ({
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
    await QuorumRule.create({ ...rule, fraction: rule.fraction as any }, { client: trx })
  }
}
