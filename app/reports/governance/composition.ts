import type { Decimal } from 'decimal.js'
import { preparedRows } from '#support/prepared_query'
import { toMoney, ZERO } from '#support/money'
import { DateTime } from 'luxon'
import {
  collegeDefaultVotes,
  collegeRuleLabel,
  type CollegeVoteRule,
} from '#models/governance/college'
import { deriveWeights, type SeatVoteRule } from '#models/governance/seat'
import { Report } from '#support/report'
import { calendarDay } from '#support/calendar_date'

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

/** A seat running on the day, with its member body and person, as one query reads it. */
interface SeatRow {
  id: number
  college_id: number
  role: string
  bureau_role: string | null
  titular_seat_id: number | null
  votes: string
  vote_rule: SeatVoteRule | null
  obtained_by: string
  re_eligible: boolean
  mandate_start: string
  mandate_end: string | null
  /** Days from `today` to the mandate's end (calendar days; null: no end date). */
  days_left: number | null
  member_body: string
  member_kind: string
  person: string | null
}

interface CollegeRow {
  id: number
  number: number
  name: string
  max_seats: number
  rule_text: string | null
  vote_rule: CollegeVoteRule
  deliberative: boolean
}

/**
 * The colleges, and the seats running on `day` with their member body and person, in one
 * set-based query and one round trip (each as a JSON array): the page under load read them
 * through ORM preloads, four queries and a model per row (ADR 12).
 */
async function compositionRows(organisationId: number, day: DateTime, today: DateTime<boolean>) {
  const iso = day.toISODate()!
  // Prepared: the governance page reads it at every view (ADR 12).
  const rows = await preparedRows<{ colleges: CollegeRow[]; seats: SeatRow[] }>(
    `SELECT
       (SELECT coalesce(json_agg(c ORDER BY c.number), '[]')
          FROM (SELECT id, number, name, max_seats, rule_text, vote_rule, deliberative
                  FROM colleges WHERE organisation_id = $1) c) AS colleges,
       (SELECT coalesce(json_agg(s), '[]')
          FROM (SELECT s.id, s.college_id, s.role, s.bureau_role, s.titular_seat_id,
                       s.votes::text AS votes, s.vote_rule, s.obtained_by, s.re_eligible,
                       s.mandate_start, s.mandate_end, s.mandate_end - $2::date AS days_left,
                       b.name AS member_body, b.kind AS member_kind, p.full_name AS person
                  FROM seats s
                  JOIN member_bodies b
                    ON b.organisation_id = s.organisation_id AND b.id = s.member_body_id
                  LEFT JOIN persons p ON p.organisation_id = s.organisation_id AND p.id = s.person_id
                 WHERE s.organisation_id = $1 AND s.mandate_start <= $3::date
                   AND (s.mandate_end IS NULL OR s.mandate_end >= $3::date)) s) AS seats`,
    [organisationId, today.toISODate(), iso]
  )
  return rows[0]
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
    const { colleges, seats } = await compositionRows(this.tenant.organisationId, day, today)
    const votesOf = new Map(seats.map((seat) => [seat.id, toMoney(seat.votes)]))
    const defaultVotes = new Map(
      colleges.map((college) => [college.id, collegeDefaultVotes(college.vote_rule)])
    )
    const computed = deriveWeights(
      seats.map((seat) => ({
        seatId: seat.id,
        collegeId: seat.college_id,
        memberKind: seat.member_kind,
        role: seat.role,
        collegeVotes: toMoney(defaultVotes.get(seat.college_id)!),
        rule: seat.vote_rule ?? null,
      }))
    )
    const bodyOfSeat = new Map(seats.map((seat) => [seat.id, seat.member_body]))
    const warnings: string[] = []
    const result: CompositionCollege[] = colleges.map((college) => {
      const rows = seats
        .filter((seat) => seat.college_id === college.id)
        .sort((a, b) => (a.role === b.role ? a.id - b.id : a.role === 'titular' ? -1 : 1))
        .map((seat) => {
          const mandateEnd = seat.mandate_end ? calendarDay(seat.mandate_end) : null
          const daysLeft = seat.days_left
          return {
            id: seat.id,
            memberBody: seat.member_body,
            memberKind: seat.member_kind,
            person: seat.person,
            role: seat.role,
            bureauRole: seat.bureau_role,
            alternateFor: seat.titular_seat_id
              ? (bodyOfSeat.get(seat.titular_seat_id) ?? null)
              : null,
            votes: votesOf.get(seat.id)!,
            computedVotes: computed.get(seat.id)!,
            derived: seat.vote_rule?.kind === 'derived',
            obtainedBy: seat.obtained_by,
            reEligible: seat.re_eligible,
            mandateStart: calendarDay(seat.mandate_start),
            mandateEnd,
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
      if (titulars.length > college.max_seats) {
        warnings.push(
          `Le collège « ${college.name} » compte ${titulars.length} sièges pour un plafond de ${college.max_seats}.`
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
        maxSeats: college.max_seats,
        ruleText: college.rule_text,
        ruleLabel: collegeRuleLabel(college.vote_rule),
        deliberative: college.deliberative,
        seats: rows,
        titulars: titulars.length,
        votes: titulars.reduce((sum, row) => sum.plus(row.votes), ZERO),
        vacancies: Math.max(college.max_seats - titulars.length, 0),
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
