import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { Decimal } from 'decimal.js'
import { toMoney, ZERO } from '#support/money'
import { DateTime } from 'luxon'
import { SeatSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import College from '#models/governance/college'
import MemberBody from '#models/governance/member_body'
import Person from '#models/governance/person'

/**
 * A seat's own vote rule, overriding its college's: a fixed number, or a weight derived from
 * other seats, e.g. "Rennes Métropole holds as many votes as the other EPCIs together":
 * {"kind":"derived","derived":"sum_of_college_members","of":["epci"]}.
 */
export type SeatVoteRule =
  | { kind: 'fixed'; votes: number }
  | { kind: 'derived'; derived: 'sum_of_college_members'; of: string[] }

export interface WeightInput {
  seatId: number
  collegeId: number
  memberKind: string
  role: string
  collegeVotes: Decimal
  rule: SeatVoteRule | null
}

/**
 * Votes of each titular seat: fixed ones first, then derived ones as the sum of the fixed
 * weights of the other seats of the same college whose member body is of the listed kinds.
 */
export function deriveWeights(seats: WeightInput[]): Map<number, Decimal> {
  const weights = new Map<number, Decimal>()
  for (const seat of seats) {
    if (seat.rule?.kind === 'derived') continue
    const base = seat.rule?.kind === 'fixed' ? toMoney(seat.rule.votes) : seat.collegeVotes
    weights.set(seat.seatId, seat.role === 'titular' ? base : ZERO)
  }
  for (const seat of seats) {
    const rule = seat.rule
    if (rule?.kind !== 'derived') continue
    if (rule.derived !== 'sum_of_college_members') {
      throw new Error(`Règle de voix inconnue : ${rule.derived}`)
    }
    const total = seats
      .filter(
        (other) =>
          other.seatId !== seat.seatId &&
          other.collegeId === seat.collegeId &&
          other.role === 'titular' &&
          other.rule?.kind !== 'derived' &&
          rule.of.includes(other.memberKind)
      )
      .reduce((sum, other) => sum.plus(weights.get(other.seatId)!), ZERO)
    weights.set(seat.seatId, seat.role === 'titular' ? total : ZERO)
  }
  return weights
}

/** Days from `today` until a mandate's end (null: no end date). */
export function daysUntil(end: DateTime | null, today: DateTime<boolean>) {
  if (!end) return null
  return Math.round(end.startOf('day').diff(today.startOf('day'), 'days').days)
}

export default class Seat extends compose(SeatSchema, OrganisationScoped, Auditable('governance')) {
  @belongsTo(() => College)
  declare college: BelongsTo<typeof College>

  @belongsTo(() => MemberBody)
  declare memberBody: BelongsTo<typeof MemberBody>

  @belongsTo(() => Person)
  declare person: BelongsTo<typeof Person>

  /** The titular seat an alternate stands in for. */
  @belongsTo(() => Seat, { foreignKey: 'titularSeatId' })
  declare titular: BelongsTo<typeof Seat>

  get rule(): SeatVoteRule | null {
    return (this.voteRule as SeatVoteRule | null) ?? null
  }

  isActiveOn(day: DateTime) {
    const iso = day.toISODate()!
    return (
      this.mandateStart.toISODate()! <= iso &&
      (!this.mandateEnd || this.mandateEnd.toISODate()! >= iso)
    )
  }

  /** Days until the mandate ends (null: no end date). */
  daysLeft(today: DateTime<boolean>) {
    return daysUntil(this.mandateEnd, today)
  }
}
