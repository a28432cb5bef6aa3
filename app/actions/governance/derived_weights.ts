import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { toMoney } from '#support/money'
import { type DateTime } from 'luxon'
import Seat, { deriveWeights, type WeightInput } from '#models/governance/seat'

/** Titular and alternate seats running on `day`, with what the weight rules need. */
export async function seatsOn(day: DateTime, trx?: TransactionClientContract) {
  const iso = day.toISODate()!
  const client = trx ? { client: trx } : {}
  // Lucid runs sibling preloads concurrently; in a transaction they share one connection, where
  // node-pg deprecates concurrent queries: one relation per query, one query after the other.
  const seats = await Seat.query(client)
    .where('mandate_start', '<=', iso)
    .where((q) => q.whereNull('mandate_end').orWhere('mandate_end', '>=', iso))
    .preload('college')
  const ids = seats.map((seat) => seat.id)
  for (const relation of ['memberBody', 'person'] as const) {
    const loaded = await Seat.query(client).whereIn('id', ids).preload(relation)
    const byId = new Map(loaded.map((seat) => [seat.id, seat[relation]]))
    // null for a seat without a person, as Lucid's own preload leaves it
    for (const seat of seats) seat.$setRelated(relation, byId.get(seat.id)!)
  }
  return seats
}

export function weightInputs(seats: Seat[]): WeightInput[] {
  return seats.map((seat) => ({
    seatId: seat.id,
    collegeId: seat.collegeId,
    memberKind: seat.memberBody.kind,
    role: seat.role,
    collegeVotes: toMoney(seat.college.defaultVotes),
    rule: seat.rule,
  }))
}

/** Seats whose stored votes differ from what the rules give today. */
export function staleWeights(seats: Seat[]) {
  const computed = deriveWeights(weightInputs(seats))
  return seats
    .filter((seat) => !computed.get(seat.id)!.eq(seat.votes))
    .map((seat) => ({ seat, stored: seat.votes, computed: computed.get(seat.id)! }))
}

/**
 * Recomputes and stores the votes of the seats running on `day` (e.g. after an EPCI joined or
 * left): each change is an audited update. Returns what changed.
 */
export async function recomputeDerivedWeights(day: DateTime, trx: TransactionClientContract) {
  const seats = await seatsOn(day, trx)
  const changes = staleWeights(seats)
  for (const { seat, computed } of changes) {
    seat.useTransaction(trx)
    seat.votes = computed
    seat.version = (seat.version ?? 1) + 1
    await seat.save()
  }
  return changes
}
