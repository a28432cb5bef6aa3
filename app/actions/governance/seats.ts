import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Decimal } from 'decimal.js'
import { type DateTime } from 'luxon'
import College from '#models/governance/college'
import Seat, { type SeatVoteRule } from '#models/governance/seat'
import { GovernanceRuleError } from '#models/governance/rule_error'
import { recomputeDerivedWeights } from '#actions/governance/derived_weights'

export interface SeatInput {
  collegeId: number
  memberBodyId: number
  personId?: number | null
  role?: 'titular' | 'alternate'
  voteRule?: SeatVoteRule | null
  mandateStart: DateTime
  mandateEnd?: DateTime | null
  obtainedBy: 'by_right' | 'designated' | 'elected'
  reEligible?: boolean
}

export function assertMandateDates(start: DateTime, end?: DateTime | null) {
  if (end && end.toISODate()! <= start.toISODate()!) {
    throw new GovernanceRuleError('La fin du mandat doit être postérieure à son début.')
  }
}

/** Titular seats of a college running on `day`. */
export async function titularsOn(collegeId: number, day: DateTime, trx: TransactionClientContract) {
  const iso = day.toISODate()!
  const [{ count }] = await trx
    .from('seats')
    .where('college_id', collegeId)
    .where('role', 'titular')
    .where('mandate_start', '<=', iso)
    .where((q) => q.whereNull('mandate_end').orWhere('mandate_end', '>=', iso))
    .count('* as count')
  return Number(count)
}

/**
 * Gives a member body a seat. Refused beyond the college's cap or with a mandate ending before
 * it starts (the database checks both again). Derived weights are recomputed.
 */
export async function addSeat(input: SeatInput, trx: TransactionClientContract) {
  assertMandateDates(input.mandateStart, input.mandateEnd)
  const college = await College.query({ client: trx })
    .where('id', input.collegeId)
    .forUpdate()
    .firstOrFail()
  const role = input.role ?? 'titular'
  if (
    role === 'titular' &&
    (await titularsOn(college.id, input.mandateStart, trx)) >= college.maxSeats
  ) {
    throw new GovernanceRuleError(
      `Le collège « ${college.name} » compte au plus ${college.maxSeats} sièges : ce mandat dépasserait le plafond.`
    )
  }
  const seat = await Seat.create(
    {
      collegeId: college.id,
      memberBodyId: input.memberBodyId,
      personId: input.personId ?? null,
      role,
      voteRule: input.voteRule ?? null,
      votes: new Decimal(college.defaultVotes),
      mandateStart: input.mandateStart,
      mandateEnd: input.mandateEnd ?? null,
      obtainedBy: input.obtainedBy,
      reEligible: input.reEligible ?? true,
    },
    { client: trx }
  )
  await recomputeDerivedWeights(input.mandateStart, trx)
  return seat
}

/** Ends a mandate (an EPCI leaves...): derived weights are recomputed from the next day. */
export async function endSeat(seat: Seat, end: DateTime, trx: TransactionClientContract) {
  assertMandateDates(seat.mandateStart, end)
  seat.useTransaction(trx)
  seat.mandateEnd = end
  seat.version = (seat.version ?? 1) + 1
  await seat.save()
  return recomputeDerivedWeights(end.plus({ days: 1 }), trx)
}
