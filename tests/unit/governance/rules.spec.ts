import { test } from '@japa/runner'
import { Decimal } from 'decimal.js'
import { deriveWeights, type WeightInput } from '#models/governance/seat'
import { tally } from '#models/governance/resolution'

const RENNES: SeatVoteRule = { kind: 'derived', derived: 'sum_of_college_members', of: ['epci'] }
type SeatVoteRule = WeightInput['rule']

function seat(
  seatId: number,
  memberKind: string,
  rule: SeatVoteRule = null,
  role = 'titular',
  collegeId = 1
): WeightInput {
  return { seatId, collegeId, memberKind, role, collegeVotes: new Decimal(1), rule }
}

function weightsOf(seats: WeightInput[]) {
  return Object.fromEntries([...deriveWeights(seats)].map(([id, w]) => [id, w.toNumber()]))
}

test.group('Derived vote weights', () => {
  test('Rennes Métropole holds as many votes as the other EPCIs together', ({ assert }) => {
    const seats = [seat(1, 'collectivite'), seat(2, 'collectivite'), seat(3, 'epci', RENNES)]
    for (let i = 0; i < 8; i++) seats.push(seat(10 + i, 'epci'))
    const weights = weightsOf(seats)
    assert.equal(weights[3], 8)
    assert.equal(weights[1], 1)
    assert.equal(weights[10], 1)
  })

  test('an EPCI joining or leaving changes the derived weight', ({ assert }) => {
    const seats = [seat(3, 'epci', RENNES), seat(10, 'epci'), seat(11, 'epci')]
    assert.equal(weightsOf(seats)[3], 2)
    assert.equal(weightsOf([...seats, seat(12, 'epci')])[3], 3)
    assert.equal(weightsOf(seats.slice(0, 2))[3], 1)
    assert.equal(weightsOf([seat(3, 'epci', RENNES)])[3], 0)
  })

  test('alternates, other colleges, other kinds and fixed weights are handled', ({ assert }) => {
    const weights = weightsOf([
      seat(3, 'epci', RENNES),
      seat(10, 'epci', { kind: 'fixed', votes: 2 }),
      seat(11, 'epci', null, 'alternate'),
      seat(12, 'epci', null, 'titular', 2),
      seat(13, 'collectivite'),
    ])
    assert.deepEqual(weights, { 3: 2, 10: 2, 11: 0, 12: 1, 13: 1 })
  })

  test('a derived seat never counts another derived seat', ({ assert }) => {
    const weights = weightsOf([seat(1, 'epci', RENNES), seat(2, 'epci', RENNES), seat(3, 'epci')])
    assert.deepEqual(weights, { 1: 1, 2: 1, 3: 1 })
  })
})

const v = (choice: string, weight: number, deliberative = true) => ({
  choice,
  weight: new Decimal(weight),
  deliberative,
})

test.group('Weighted tallies and majorities', () => {
  test('simple majority ignores abstentions; a tie is rejected', ({ assert }) => {
    assert.isTrue(
      tally([v('for', 2), v('against', 1), v('abstention', 5)], 'simple', new Decimal(8)).adopted
    )
    assert.isFalse(tally([v('for', 2), v('against', 2)], 'simple', new Decimal(4)).adopted)
  })

  test('consultative votes are shown but never counted', ({ assert }) => {
    const result = tally(
      [v('for', 1), v('against', 2), v('for', 1, false), v('for', 1, false)],
      'simple',
      new Decimal(3)
    )
    assert.isFalse(result.adopted)
    assert.equal(result.for.toString(), '1')
    assert.deepEqual(result.consultative, { for: 2, against: 0, abstention: 0 })
  })

  test('absolute majority needs more than half of the votes present or represented', ({
    assert,
  }) => {
    assert.isFalse(tally([v('for', 5), v('abstention', 5)], 'absolute', new Decimal(10)).adopted)
    assert.isTrue(tally([v('for', 6), v('abstention', 4)], 'absolute', new Decimal(10)).adopted)
  })

  test('two thirds: exactly two thirds is enough, one vote less is not', ({ assert }) => {
    assert.isTrue(tally([v('for', 6), v('against', 3)], 'two_thirds', new Decimal(9)).adopted)
    assert.isFalse(
      tally([v('for', 5), v('against', 3), v('abstention', 1)], 'two_thirds', new Decimal(9))
        .adopted
    )
  })
})
