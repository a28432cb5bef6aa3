import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Meeting from '#models/governance/meeting'
import Resolution from '#models/governance/resolution'
import ResolutionRectification from '#models/governance/resolution_rectification'
import Vote from '#models/governance/vote'
import { GovernanceRuleError } from '#models/governance/rule_error'
import { recordEvent } from '#support/audit'
import { underDatabaseRules } from '#support/domain_errors'
import { lockRow } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { VoteChoice } from '#vocabulary/governance'
import { assertOpen, recordVotes } from '#actions/governance/meetings'
import { recordResolutionResult } from '#actions/governance/record_resolution_result'

export interface RectificationInput {
  resolutionId: number
  /** The votes as they should have been recorded; null: the member did not vote. */
  choices: Array<{ attendanceId: number; choice: VoteChoice | null }>
  reason: string
}

/** What a proclaimed result was, for the audit and the rectification row. */
function proclaimed(resolution: Resolution) {
  return {
    result: resolution.result,
    votesFor: resolution.votesFor,
    votesAgainst: resolution.votesAgainst,
    votesAbstention: resolution.votesAbstention,
    castingVote: resolution.castingVote,
    decidedAt: resolution.decidedAt,
  }
}

/**
 * Corrects a proclaimed result while the signed minutes are not filed: the votes are recorded
 * as they should have been, the result is proclaimed again by the same rules, and the previous
 * result is kept (a `resolution_rectifications` row shown under the resolution, and a
 * `resolution.rectified` audit event with before and after). One transaction: a refusal (minutes
 * signed, quorum, a member who may not vote, a resolution accounting already cites) changes
 * nothing.
 */
export default class RectifyResolutionResult {
  static handle(_tenant: Tenant, input: RectificationInput, trx?: TransactionClientContract) {
    return underDatabaseRules(() =>
      withTransaction(trx, async (t) => {
        const resolution = await lockRow(Resolution, input.resolutionId, t)
        const meeting = await lockRow(Meeting, resolution.meetingId, t)
        if (meeting.status === 'closed') {
          throw new GovernanceRuleError(
            'Le procès-verbal signé de cette séance est déposé : le résultat ne peut plus être rectifié.'
          )
        }
        assertOpen(meeting)
        if (resolution.result === 'pending') {
          throw new GovernanceRuleError(
            "Le résultat de cette résolution n'est pas encore proclamé : corrigez les votes, puis proclamez-le."
          )
        }
        const reason = input.reason.trim()
        if (!reason) {
          throw new GovernanceRuleError('Indiquez le motif de la rectification.', {
            field: 'reason',
          })
        }
        if (!input.choices.length) throw new GovernanceRuleError('Aucun vote saisi.')
        const before = proclaimed(resolution)

        resolution.useTransaction(t)
        resolution.merge({
          result: 'pending',
          votesFor: null,
          votesAgainst: null,
          votesAbstention: null,
          votesConsultativeFor: null,
          castingVote: null,
          decidedAt: null,
        })
        await resolution.save()
        const cast = input.choices.flatMap(({ attendanceId, choice }) =>
          choice ? [{ attendanceId, choice }] : []
        )
        if (cast.length) await recordVotes(resolution, cast, t)
        const withdrawn = input.choices.filter((c) => !c.choice).map((c) => c.attendanceId)
        const removed = withdrawn.length
          ? await Vote.query({ client: t })
              .where('resolution_id', resolution.id)
              .whereIn('attendance_id', withdrawn)
          : []
        for (const vote of removed) await vote.useTransaction(t).delete()
        await recordResolutionResult(resolution, t)

        const after = proclaimed(resolution)
        await ResolutionRectification.create(
          {
            resolutionId: resolution.id,
            previousResult: before.result,
            previousVotesFor: before.votesFor,
            previousVotesAgainst: before.votesAgainst,
            previousVotesAbstention: before.votesAbstention,
            previousCastingVote: before.castingVote,
            result: after.result,
            votesFor: after.votesFor,
            votesAgainst: after.votesAgainst,
            votesAbstention: after.votesAbstention,
            castingVote: after.castingVote,
            reason,
          },
          { client: t }
        )
        await recordEvent({
          domain: 'governance',
          action: 'resolution.rectified',
          subjectType: 'resolutions',
          subjectId: resolution.id,
          summary: `Résolution « ${resolution.title} » rectifiée : ${before.result} → ${after.result}. Motif : ${reason}`,
          before,
          after: { ...after, reason },
          organisationId: resolution.organisationId,
          trx: t,
        })
        return resolution
      })
    )
  }
}
