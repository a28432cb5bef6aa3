import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import { moneyOrZero, toMoney } from '#support/money'
import { DateTime } from 'luxon'
import Meeting from '#models/governance/meeting'
import Resolution, { tally, type Tally } from '#models/governance/resolution'
import Vote from '#models/governance/vote'
import QuorumRule from '#models/governance/quorum_rule'
import { GovernanceRuleError } from '#models/governance/rule_error'
import { underDatabaseRules } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { FISCAL_YEAR_SUBJECTS, PRESENT_STATUSES, VOTING_STATUSES } from '#vocabulary/governance'
import { recordEvent } from '#support/audit'

/**
 * Tally of a resolution from its recorded votes and the live quorum, with the statutes' casting
 * vote of its kind of meeting (quorum_rules.casting_vote) and the president's own vote.
 */
export async function tallyOf(
  resolution: Resolution,
  trx?: TransactionClientContract
): Promise<Tally> {
  const client = trx ? { client: trx } : {}
  const votes = await Vote.query(client).where('resolution_id', resolution.id)
  const meeting = await Meeting.findOrFail(resolution.meetingId, client)
  const rule = await QuorumRule.query(client).where('meeting_kind', meeting.kind).first()
  return tally(votes, resolution.majority, await presentWeight(resolution.meetingId, trx), {
    enabled: rule?.castingVote ?? false,
    presidentChoice: await presidentChoice(resolution.id, trx),
  })
}

/**
 * The president's vote on a resolution, cast in person (a president represented by a proxy or
 * replaced by their alternate does not chair, and has no casting vote); null otherwise.
 */
async function presidentChoice(resolutionId: number, trx?: TransactionClientContract) {
  const row = await (trx ?? db)
    .from('votes')
    .join('attendances', 'attendances.id', 'votes.attendance_id')
    .where('votes.resolution_id', resolutionId)
    .where('attendances.presides', true)
    .where('attendances.status', 'present')
    .whereNull('attendances.alternate_for_id')
    .select('votes.choice')
    .first()
  return (row?.choice as string | undefined) ?? null
}

/**
 * Deliberative votes of the members present or represented (the base of absolute majorities):
 * titular rows, a titular substituted by their alternate counting as present.
 */
async function presentWeight(meetingId: number, trx?: TransactionClientContract) {
  const [row] = await (trx ?? db)
    .from('attendances')
    .where('meeting_id', meetingId)
    .where('deliberative', true)
    .whereNull('alternate_for_id')
    .whereIn('status', [...new Set([...VOTING_STATUSES, ...PRESENT_STATUSES])])
    .sum('votes as total')
  return moneyOrZero(row.total)
}

/**
 * Proclaims the result of a resolution by its majority rule and freezes the tally. When it
 * approves a fiscal year's accounts or allocates its result, a `governance.resolution.adopted`
 * audit event names the fiscal year: accounting unlocks the allocation entry from the adopted
 * resolution (see adoptedAllocationResolution in #models/governance/resolution).
 */
export async function recordResolutionResult(
  resolution: Resolution,
  trx: TransactionClientContract
) {
  if (resolution.result !== 'pending') {
    throw new GovernanceRuleError('Le résultat de cette résolution est déjà proclamé.')
  }
  const quorum = await Meeting.quorumOf(resolution.meetingId, trx)
  if (!quorum.votingAllowed) {
    throw new GovernanceRuleError(
      "Le quorum n'est pas atteint : aucun vote ne peut être enregistré."
    )
  }
  const result = await tallyOf(resolution, trx)
  if (result.for.plus(result.against).plus(result.abstention).isZero()) {
    throw new GovernanceRuleError("Aucun vote n'est enregistré pour cette résolution.")
  }
  resolution.useTransaction(trx)
  resolution.merge({
    result: result.adopted ? 'adopted' : 'rejected',
    votesFor: result.for,
    votesAgainst: result.against,
    votesAbstention: result.abstention,
    votesConsultativeFor: toMoney(result.consultative.for),
    castingVote: result.castingVote,
    decidedAt: DateTime.now(),
  })
  resolution.version = (resolution.version ?? 1) + 1
  await resolution.save()
  if (FISCAL_YEAR_SUBJECTS.includes(resolution.subjectKind)) {
    await recordEvent({
      domain: 'governance',
      action: result.adopted ? 'resolution.adopted' : 'resolution.rejected',
      subjectType: 'resolutions',
      subjectId: resolution.id,
      summary: `${resolution.subjectKind} exercice #${resolution.fiscalYearId} : ${resolution.resultLabel}`,
      after: {
        subjectKind: resolution.subjectKind,
        fiscalYearId: resolution.fiscalYearId,
        meetingId: resolution.meetingId,
        result: resolution.result,
      },
      organisationId: resolution.organisationId,
      trx,
    })
  }
  return result
}

/**
 * Proclaims a resolution's result, the resolution locked; returns the resolution. The person
 * proclaiming confirms it (the result goes into the minutes): without `confirmed`, nothing is
 * written.
 */
export default class RecordResolutionResult {
  static handle(
    _tenant: Tenant,
    input: { resolutionId: number; confirmed?: boolean },
    trx?: TransactionClientContract
  ) {
    return underDatabaseRules(() =>
      withTransaction(trx, async (t) => {
        const resolution = await Resolution.query({ client: t })
          .where('id', input.resolutionId)
          .forUpdate()
          .firstOrFail()
        if (input.confirmed !== true) {
          throw new GovernanceRuleError(
            'Cochez « Je confirme la proclamation » : le résultat proclamé est inscrit au procès-verbal.',
            { field: 'confirmation' }
          )
        }
        await recordResolutionResult(resolution, t)
        return resolution
      })
    )
  }
}
