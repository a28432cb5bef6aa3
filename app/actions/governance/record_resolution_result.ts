import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import { DateTime } from 'luxon'
import Meeting from '#models/governance/meeting'
import Resolution, { tally, type Tally } from '#models/governance/resolution'
import Vote from '#models/governance/vote'
import { GovernanceRuleError, underRules } from '#models/governance/rule_error'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { FISCAL_YEAR_SUBJECTS, VOTING_STATUSES } from '#vocabulary/governance'
import { recordEvent } from '#support/audit'

/** Tally of a resolution from its recorded votes and the live quorum. */
export async function tallyOf(
  resolution: Resolution,
  trx?: TransactionClientContract
): Promise<Tally> {
  const votes = await Vote.query(trx ? { client: trx } : {}).where('resolution_id', resolution.id)
  return tally(votes, resolution.majority, await presentWeight(resolution.meetingId, trx))
}

/** Deliberative votes of the members present or represented (the base of absolute majorities). */
async function presentWeight(meetingId: number, trx?: TransactionClientContract) {
  const [row] = await (trx ?? db)
    .from('attendances')
    .where('meeting_id', meetingId)
    .where('deliberative', true)
    .whereIn('status', [...VOTING_STATUSES])
    .sum('votes as total')
  return new Decimal(row.total ?? 0)
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
    votesConsultativeFor: new Decimal(result.consultative.for),
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

/** Proclaims a resolution's result, the resolution locked; returns the resolution. */
export default class RecordResolutionResult {
  static handle(_tenant: Tenant, input: { resolutionId: number }, trx?: TransactionClientContract) {
    return underRules(() =>
      withTransaction(trx, async (t) => {
        const resolution = await Resolution.query({ client: t })
          .where('id', input.resolutionId)
          .forUpdate()
          .firstOrFail()
        await recordResolutionResult(resolution, t)
        return resolution
      })
    )
  }
}
