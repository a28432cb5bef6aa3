import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { toMoney } from '#support/money'
import { DateTime } from 'luxon'
import College from '#models/governance/college'
import Person from '#models/governance/person'
import Seat, { type SeatVoteRule } from '#models/governance/seat'
import { GovernanceRuleError } from '#models/governance/rule_error'
import { recomputeDerivedWeights } from '#actions/governance/derived_weights'
import type { BureauRole, ObtainedBy, SeatRole } from '#vocabulary/governance'

export interface SeatInput {
  collegeId: number
  memberBodyId: number
  personId?: number | null
  role?: SeatRole
  voteRule?: SeatVoteRule | null
  mandateStart: DateTime
  mandateEnd?: DateTime | null
  obtainedBy: ObtainedBy
  reEligible?: boolean
  /** For an alternate: the titular seat it stands in for. */
  titularSeatId?: number | null
  /** An office of the bureau (titular seats only). */
  bureauRole?: BureauRole | null
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

/** Mandates [start, end] that share a day (an open end runs forever). */
function overlaps(a: Seat, start: DateTime, end: DateTime | null | undefined) {
  const aEnd = a.mandateEnd?.toISODate() ?? '9999-12-31'
  const bEnd = end?.toISODate() ?? '9999-12-31'
  return a.mandateStart.toISODate()! <= bEnd && start.toISODate()! <= aEnd
}

/**
 * An alternate stands in for one titular of its own college, running when the alternate's
 * mandate starts, and that titular has no other alternate at the same time.
 */
async function assertAlternateOf(input: SeatInput, trx: TransactionClientContract) {
  if (!input.titularSeatId) {
    throw new GovernanceRuleError('Indiquez le titulaire que ce suppléant supplée.', {
      field: 'titularSeatId',
    })
  }
  const titular = await Seat.query({ client: trx })
    .where('id', input.titularSeatId)
    .forUpdate()
    .preload('memberBody')
    .first()
  if (!titular || titular.role !== 'titular' || titular.collegeId !== input.collegeId) {
    throw new GovernanceRuleError('Un suppléant supplée un titulaire de son propre collège.', {
      field: 'titularSeatId',
    })
  }
  if (!titular.isActiveOn(input.mandateStart)) {
    throw new GovernanceRuleError(
      `Le mandat du titulaire (${titular.memberBody.name}) ne court pas à la date de début de ce suppléant.`,
      { field: 'titularSeatId' }
    )
  }
  const others = await Seat.query({ client: trx }).where('titular_seat_id', titular.id)
  if (others.some((other) => overlaps(other, input.mandateStart, input.mandateEnd))) {
    throw new GovernanceRuleError(
      `${titular.memberBody.name} a déjà un suppléant pendant ce mandat : clôturez-le d'abord.`,
      { field: 'titularSeatId' }
    )
  }
}

/** One president among the seats not yet ended (the database checks it again). */
export async function assertPresidentFree(seatId: number | null, trx: TransactionClientContract) {
  const today = DateTime.now().setZone('Europe/Paris').toISODate()!
  const query = Seat.query({ client: trx })
    .where('bureau_role', 'president')
    .where((q) => q.whereNull('mandate_end').orWhere('mandate_end', '>=', today))
    .preload('memberBody')
  if (seatId) query.whereNot('id', seatId)
  const president = await query.first()
  if (president) {
    throw new GovernanceRuleError(
      `${president.memberBody.name} préside déjà le bureau : retirez-lui cette fonction d'abord.`,
      { field: 'bureauRole' }
    )
  }
}

/**
 * Gives a member body a seat. Refused beyond the college's cap or with a mandate ending before
 * it starts (the database checks both again), for an alternate without its titular, and for a
 * representative attached to another member body. Derived weights are recomputed.
 */
export async function addSeat(input: SeatInput, trx: TransactionClientContract) {
  assertMandateDates(input.mandateStart, input.mandateEnd)
  const college = await College.query({ client: trx })
    .where('id', input.collegeId)
    .forUpdate()
    .firstOrFail()
  const role = input.role ?? 'titular'
  if (role === 'alternate') await assertAlternateOf(input, trx)
  if (role !== 'titular' && input.bureauRole) {
    throw new GovernanceRuleError('Seul un titulaire peut siéger au bureau.', {
      field: 'bureauRole',
    })
  }
  if (role === 'titular' && input.bureauRole === 'president') await assertPresidentFree(null, trx)
  if (input.personId) {
    const person = await Person.query({ client: trx }).where('id', input.personId).firstOrFail()
    if (person.memberBodyId !== input.memberBodyId) {
      throw new GovernanceRuleError(
        `${person.fullName} n'est pas rattaché(e) au membre qui détient ce siège.`
      )
    }
  }
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
      votes: toMoney(college.defaultVotes),
      mandateStart: input.mandateStart,
      mandateEnd: input.mandateEnd ?? null,
      obtainedBy: input.obtainedBy,
      reEligible: input.reEligible ?? true,
      titularSeatId: role === 'alternate' ? input.titularSeatId : null,
      bureauRole: role === 'titular' ? (input.bureauRole ?? null) : null,
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
