import { compose } from '@adonisjs/core/helpers'
import { belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import { ResolutionSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Meeting from '#models/governance/meeting'
import Vote from '#models/governance/vote'
import { MAJORITIES, RESOLUTION_RESULTS, SUBJECT_KINDS } from '#vocabulary/governance'
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
}

/**
 * Weighted tally. Simple majority: more votes for than against (abstentions do not count).
 * Absolute: more than half of the votes present or represented. Two thirds: at least two
 * thirds of the votes present or represented.
 */
export function tally(
  votes: Array<{ choice: string; weight: Decimal; deliberative: boolean }>,
  majority: string,
  base: Decimal
): Tally {
  const zero = new Decimal(0)
  const result = {
    for: zero,
    against: zero,
    abstention: zero,
    consultative: { for: 0, against: 0, abstention: 0 },
  }
  for (const vote of votes) {
    const choice = vote.choice as 'for' | 'against' | 'abstention'
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
  return { ...result, base, required, adopted }
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
}

/**
 * For accounting: the adopted resolution that allocates the result of a fiscal year, or null.
 * Accounting unlocks its allocation entry when this returns a row and stores its id in
 * result_allocations.resolution_id. Filters by organisation explicitly (no request context).
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
