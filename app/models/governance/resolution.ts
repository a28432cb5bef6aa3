import { compose } from '@adonisjs/core/helpers'
import { belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import type { Decimal } from 'decimal.js'
import { ZERO } from '#support/money'
import { ResolutionSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Meeting from '#models/governance/meeting'
import Vote from '#models/governance/vote'
import {
  MAJORITIES,
  RESOLUTION_RESULTS,
  SUBJECT_KINDS,
  type VoteChoice,
} from '#vocabulary/governance'
import { labelOf } from '#vocabulary/labels'

export interface Tally {
  for: Decimal
  against: Decimal
  abstention: Decimal
  /** Consultative voices: shown, never counted (headcount per choice). */
  consultative: { for: number; against: number; abstention: number }
  /** Deliberative weight of the members present or represented: base of absolute and 2/3. */
  base: Decimal
  required: string
  adopted: boolean
  /** Simple majority with as many votes for as against. */
  tie: boolean
  /** The president's choice that decided a tie (the statutes' casting vote), or null. */
  castingVote: 'for' | 'against' | null
  /** What the minutes say about a tie, null without one. */
  note: string | null
}

/** The statutes' casting vote for a kind of meeting, and how the president voted. */
export interface CastingRule {
  /** The statutes give the president a casting vote (quorum_rules.casting_vote). */
  enabled: boolean
  /** The president's own vote (present in person), null when they did not vote. */
  presidentChoice: string | null
}

/**
 * The French sentence of the minutes for a tie, from what decided it; `enabled` null: whether
 * the statutes gave a casting vote is not known (a result proclaimed earlier).
 */
export function tieNote(
  tie: boolean,
  castingVote: 'for' | 'against' | null,
  enabled: boolean | null
): string | null {
  if (castingVote) {
    const label = castingVote === 'for' ? 'pour' : 'contre'
    return `Partage égal des voix : la voix prépondérante du président (${label}) départage, la résolution est ${castingVote === 'for' ? 'adoptée' : 'rejetée'}.`
  }
  if (!tie) return null
  if (enabled === null) return 'Partage égal des voix : la résolution est rejetée.'
  return enabled
    ? "Partage égal des voix : le président n'a voté ni pour ni contre en séance, la résolution est rejetée."
    : 'Partage égal des voix : la résolution est rejetée (les statuts ne donnent pas de voix prépondérante au président pour cette instance).'
}

/**
 * Weighted tally. Simple majority: more votes for than against (abstentions do not count); a
 * tie is rejected, unless the statutes give the president a casting vote and the president
 * voted for or against: their vote decides. Absolute: more than half of the votes present or
 * represented. Two thirds: at least two thirds of the votes present or represented.
 */
export function tally(
  votes: Array<{ choice: string; weight: Decimal; deliberative: boolean }>,
  majority: string,
  base: Decimal,
  casting: CastingRule = { enabled: false, presidentChoice: null }
): Tally {
  const zero = ZERO
  const result = {
    for: zero,
    against: zero,
    abstention: zero,
    consultative: { for: 0, against: 0, abstention: 0 },
  }
  for (const vote of votes) {
    const choice = vote.choice as VoteChoice
    if (vote.deliberative) result[choice] = result[choice].plus(vote.weight)
    else result.consultative[choice] += 1
  }
  let adopted: boolean
  let required: string
  if (majority === 'absolute') {
    adopted = result.for.gt(base.div(2))
    required = `plus de ${base.div(2).toString().replace('.', ',')} voix pour`
  } else if (majority === 'two_thirds') {
    adopted = result.for.gt(0) && result.for.times(3).gte(base.times(2))
    required = `au moins ${base.times(2).div(3).toDecimalPlaces(2).toString().replace('.', ',')} voix pour`
  } else {
    adopted = result.for.gt(result.against)
    required = 'plus de voix pour que de voix contre'
  }
  const tie =
    majority === 'simple' && result.for.eq(result.against) && result.for.plus(result.against).gt(0)
  const choice = casting.presidentChoice
  const castingVote =
    tie && casting.enabled && (choice === 'for' || choice === 'against') ? choice : null
  if (castingVote) adopted = castingVote === 'for'
  const note = tieNote(tie, castingVote, casting.enabled)
  return { ...result, base, required, adopted, tie, castingVote, note }
}

export default class Resolution extends compose(
  ResolutionSchema,
  OrganisationScoped,
  Auditable('governance')
) {
  @belongsTo(() => Meeting)
  declare meeting: BelongsTo<typeof Meeting>

  @hasMany(() => Vote)
  declare votes: HasMany<typeof Vote>

  get majorityLabel() {
    return labelOf(MAJORITIES, this.majority)
  }

  get subjectLabel() {
    return labelOf(SUBJECT_KINDS, this.subjectKind)
  }

  get resultLabel() {
    return labelOf(RESOLUTION_RESULTS, this.result)
  }

  /** The result as the minutes state it, with the casting vote when it decided. */
  get resultStatement() {
    return this.castingVote
      ? `${this.resultLabel} (voix prépondérante du président)`
      : this.resultLabel
  }
}

/**
 * The latest adopted resolution, of any body, that allocates the result of a fiscal year, or
 * null. Accounting's allocation further requires a general assembly's resolution, not yet cited
 * (AllocationResolutions and allocationRefusal in #reports/accounting/allocation_resolutions;
 * migration 8700). Filters by organisation explicitly (no request context).
 */
export async function adoptedAllocationResolution(
  organisationId: number,
  fiscalYearId: number,
  client?: QueryClientContract
): Promise<{ id: number; meetingId: number; title: string; decidedAt: Date } | null> {
  const row = await (client ?? db)
    .from('resolutions')
    .where('organisation_id', organisationId)
    .where('fiscal_year_id', fiscalYearId)
    .where('subject_kind', 'allocate_result')
    .where('result', 'adopted')
    .orderBy('decided_at', 'desc')
    .first()
  if (!row) return null
  return { id: row.id, meetingId: row.meeting_id, title: row.title, decidedAt: row.decided_at }
}
