import type { Decimal } from 'decimal.js'
import { ZERO } from '#support/money'
import { DateTime } from 'luxon'
import College from '#models/governance/college'
import { deriveWeights } from '#models/governance/seat'
import { seatsOn, weightInputs } from '#actions/governance/derived_weights'
import { Report } from '#support/report'

export interface CompositionSeat {
  id: number
  memberBody: string
  memberKind: string
  person: string | null
  role: string
  /** Office in the bureau, for a titular. */
  bureauRole: string | null
  /** For an alternate: the member body of the titular it stands in for. */
  alternateFor: string | null
  votes: Decimal
  computedVotes: Decimal
  derived: boolean
  obtainedBy: string
  reEligible: boolean
  mandateStart: DateTime
  mandateEnd: DateTime | null
  daysLeft: number | null
  /** 30 or 90 when the mandate ends within that many days. */
  alert: 30 | 90 | null
}

export interface CompositionCollege {
  id: number
  number: number
  name: string
  maxSeats: number
  ruleText: string | null
  ruleLabel: string
  deliberative: boolean
  seats: CompositionSeat[]
  titulars: number
  votes: Decimal
  vacancies: number
}

export interface CompositionAlert extends CompositionSeat {
  college: string
}

export interface CompositionResult {
  day: DateTime
  colleges: CompositionCollege[]
  /** Broken rules: a college over its cap, votes no longer following the statutes. */
  warnings: string[]
  deliberativeVotes: Decimal
  consultativeVoices: number
  seatCount: number
  vacancies: number
  /** Seats whose mandate ends within 90 days. */
  alerts: CompositionAlert[]
}

export interface CompositionParams {
  /** The day the board is shown as it stands. */
  day: DateTime
  /** The day mandates' remaining days are counted from (now by default). */
  today?: DateTime<boolean>
}

/**
 * The board's composition on a given day: colleges, seats, votes and totals per college,
 * vacancies, mandates ending within 90 and 30 days, and the rules that are broken. The page,
 * the print view, the Excel export and the board portal read it.
 */
export default class Composition extends Report<CompositionParams, CompositionResult> {
  async build(): Promise<CompositionResult> {
    const { day } = this.params
    const today = this.params.today ?? DateTime.now()
    const colleges = await College.query().orderBy('number')
    const seats = await seatsOn(day)
    const computed = deriveWeights(weightInputs(seats))
    const bodyOfSeat = new Map(seats.map((seat) => [seat.id, seat.memberBody.name]))
    const warnings: string[] = []
    const result: CompositionCollege[] = colleges.map((college) => {
      const rows = seats
        .filter((seat) => seat.collegeId === college.id)
        .sort((a, b) => (a.role === b.role ? a.id - b.id : a.role === 'titular' ? -1 : 1))
        .map((seat) => {
          const daysLeft = seat.daysLeft(today)
          return {
            id: seat.id,
            memberBody: seat.memberBody.name,
            memberKind: seat.memberBody.kind,
            person: seat.person?.fullName ?? null,
            role: seat.role,
            bureauRole: seat.bureauRole,
            alternateFor: seat.titularSeatId ? (bodyOfSeat.get(seat.titularSeatId) ?? null) : null,
            votes: seat.votes,
            computedVotes: computed.get(seat.id)!,
            derived: seat.rule?.kind === 'derived',
            obtainedBy: seat.obtainedBy,
            reEligible: seat.reEligible,
            mandateStart: seat.mandateStart,
            mandateEnd: seat.mandateEnd,
            daysLeft,
            alert: (daysLeft === null || daysLeft < 0
              ? null
              : daysLeft <= 30
                ? 30
                : daysLeft <= 90
                  ? 90
                  : null) as 30 | 90 | null,
          }
        })
      const titulars = rows.filter((row) => row.role === 'titular')
      if (titulars.length > college.maxSeats) {
        warnings.push(
          `Le collège « ${college.name} » compte ${titulars.length} sièges pour un plafond de ${college.maxSeats}.`
        )
      }
      for (const row of rows) {
        if (!row.votes.eq(row.computedVotes)) {
          warnings.push(
            `Les voix de ${row.memberBody} (${row.votes.toString()}) ne suivent plus la règle des statuts (${row.computedVotes.toString()}) : recalculez les voix.`
          )
        }
      }
      return {
        id: college.id,
        number: college.number,
        name: college.name,
        maxSeats: college.maxSeats,
        ruleText: college.ruleText,
        ruleLabel: college.ruleLabel,
        deliberative: college.deliberative,
        seats: rows,
        titulars: titulars.length,
        votes: titulars.reduce((sum, row) => sum.plus(row.votes), ZERO),
        vacancies: Math.max(college.maxSeats - titulars.length, 0),
      }
    })
    const deliberative = result.filter((college) => college.deliberative)
    return {
      day,
      colleges: result,
      warnings,
      deliberativeVotes: deliberative.reduce((sum, college) => sum.plus(college.votes), ZERO),
      consultativeVoices: result
        .filter((college) => !college.deliberative)
        .reduce((sum, college) => sum + college.titulars, 0),
      seatCount: result.reduce((sum, college) => sum + college.titulars, 0),
      vacancies: result.reduce((sum, college) => sum + college.vacancies, 0),
      alerts: result.flatMap((college) =>
        college.seats
          .filter((seat) => seat.alert)
          .map((seat) => ({ ...seat, college: college.name }))
      ),
    }
  }
}
