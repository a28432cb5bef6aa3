import { test } from '@japa/runner'
import { Decimal } from 'decimal.js'
import {
  computeEqualityIndex,
  type IndexEmployee,
  type IndexInput,
} from '#reports/hr/equality_index'

let id = 0
function staff(
  sex: 'F' | 'H',
  n: number,
  pay: number,
  o: Partial<IndexEmployee> = {}
): IndexEmployee[] {
  return Array.from({ length: n }, () => ({
    id: ++id,
    sex,
    age: 35,
    category: 'tam',
    pay: new Decimal(pay),
    raised: false,
    ...o,
  }))
}
const noLeave = { returned: 0, raisedOnReturn: 0, raisesDuringLeaves: false }
const input = (employees: IndexEmployee[], o: Partial<IndexInput> = {}): IndexInput => ({
  mode: 'csp',
  employees,
  maternity: noLeave,
  ...o,
})
const markRaised = (list: IndexEmployee[], n: number) =>
  list.slice(0, n).forEach((e) => (e.raised = true))

test.group('HR | equality index rules', () => {
  test('indicator 1: gap minus the 5-point CSP threshold, weighted by valid groups', ({
    assert,
  }) => {
    // one group: men 30 000, women 27 000 -> gap 10 %, adjusted 5 % -> T1[5] = 35
    const r = computeEqualityIndex(input([...staff('F', 3, 27000), ...staff('H', 3, 30000)]))
    const i1 = r.indicators[0]
    assert.isTrue(i1.calculable)
    assert.equal(i1.result!.toString(), '5')
    assert.equal(i1.points, 35)
    assert.equal(i1.favoured, 'H')
  })

  test('indicator 1: level mode uses a 2-point threshold', ({ assert }) => {
    const r = computeEqualityIndex(
      input([...staff('F', 3, 27000), ...staff('H', 3, 30000)], { mode: 'level' })
    )
    assert.equal(r.indicators[0].result!.toString(), '8')
    assert.equal(r.indicators[0].points, 31)
  })

  test('indicator 1: a gap within the threshold scores 40; a gap favouring women is negative', ({
    assert,
  }) => {
    const small = computeEqualityIndex(input([...staff('F', 3, 29000), ...staff('H', 3, 30000)]))
    assert.equal(small.indicators[0].points, 40)
    // women 33 000, men 30 000: gap -10 % -> adjusted -5 -> result 5, favours women
    const women = computeEqualityIndex(input([...staff('F', 3, 33000), ...staff('H', 3, 30000)]))
    assert.equal(women.indicators[0].result!.toString(), '5')
    assert.equal(women.indicators[0].favoured, 'F')
  })

  test('indicator 1: two valid groups weighted by headcount, an invalid group ignored', ({
    assert,
  }) => {
    // group A (age 35, 6 people): gap 10 -> adj 5 ; group B (age 45, 4+4): gap 0 ; group C 2 men only: invalid
    const employees = [
      ...staff('F', 3, 27000),
      ...staff('H', 3, 30000),
      ...staff('F', 4, 30000, { age: 45 }),
      ...staff('H', 4, 30000, { age: 45 }),
      ...staff('H', 2, 90000, { age: 55 }),
    ]
    const r = computeEqualityIndex(input(employees))
    // R = 5 * 6 / 14 = 2.142... -> 2.1 -> ceil 3 -> 37
    assert.equal(r.indicators[0].result!.toString(), '2.1')
    assert.equal(r.indicators[0].points, 37)
  })

  test('indicator 1: not calculable when valid groups cover less than 40 % of staff', ({
    assert,
  }) => {
    const employees = [
      ...staff('F', 3, 27000),
      ...staff('H', 3, 30000),
      ...staff('F', 10, 30000, { age: 45 }), // no men: invalid
    ]
    const r = computeEqualityIndex(input(employees))
    assert.isFalse(r.indicators[0].calculable) // 6 / 16 = 37.5 %
  })

  test('indicator 1: a gap of 21 points or more scores 0', ({ assert }) => {
    const r = computeEqualityIndex(input([...staff('F', 3, 20000), ...staff('H', 3, 40000)]))
    assert.equal(r.indicators[0].result!.toString(), '45')
    assert.equal(r.indicators[0].points, 0)
  })

  test('indicator 2: best of percentage points and number of employees', ({ assert }) => {
    const f = staff('F', 10, 30000)
    const m = staff('H', 10, 30000)
    markRaised(f, 5) // 50 %
    markRaised(m, 2) // 20 %
    const r = computeEqualityIndex(input([...f, ...m]))
    const i2 = r.indicators[1]
    // gap 30 points -> 0 ; gap in employees 0.3 * 10 = 3 -> T2[3] = 25
    assert.equal((i2.detail as any).gapPoints.toString(), '30')
    assert.equal((i2.detail as any).gapCount.toString(), '3')
    assert.equal(i2.points, 25)
  })

  test('indicator 2: catch-up rule gives 35 when raises favour the lower-paid sex', ({
    assert,
  }) => {
    const f = staff('F', 10, 25000)
    const m = staff('H', 10, 30000)
    markRaised(f, 9)
    markRaised(m, 1)
    const r = computeEqualityIndex(input([...f, ...m]))
    assert.equal(r.indicators[0].favoured, 'H')
    assert.equal(r.indicators[1].favoured, 'F')
    assert.isTrue((r.indicators[1].detail as any).catchUp)
    assert.equal(r.indicators[1].points, 35)
  })

  test('indicator 2: not calculable below 5 of a sex or without any raise', ({ assert }) => {
    const few = computeEqualityIndex(
      input([...staff('F', 4, 30000, { raised: true }), ...staff('H', 10, 30000)])
    )
    assert.isFalse(few.indicators[1].calculable)
    const none = computeEqualityIndex(input([...staff('F', 10, 30000), ...staff('H', 10, 30000)]))
    assert.isFalse(none.indicators[1].calculable)
  })

  test('indicator 3: 15 only if every returning mother was raised; not calculable otherwise', ({
    assert,
  }) => {
    const base = [...staff('F', 10, 30000), ...staff('H', 10, 30000)]
    const all = computeEqualityIndex(
      input(base, { maternity: { returned: 2, raisedOnReturn: 2, raisesDuringLeaves: true } })
    )
    assert.equal(all.indicators[2].points, 15)
    const some = computeEqualityIndex(
      input(base, { maternity: { returned: 2, raisedOnReturn: 1, raisesDuringLeaves: true } })
    )
    assert.equal(some.indicators[2].points, 0)
    assert.isTrue(some.indicators[2].calculable)
    const noRaise = computeEqualityIndex(
      input(base, { maternity: { returned: 2, raisedOnReturn: 0, raisesDuringLeaves: false } })
    )
    assert.isFalse(noRaise.indicators[2].calculable)
    assert.isFalse(computeEqualityIndex(input(base)).indicators[2].calculable)
  })

  test('indicator 4: under-represented sex among the ten best paid', ({ assert }) => {
    const points = (men: number) =>
      computeEqualityIndex(
        input([
          ...staff('H', men, 50000),
          ...staff('F', 10 - men, 49000),
          ...staff('F', 10, 20000),
          ...staff('H', 10, 20000),
        ])
      ).indicators[3].points
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 8, 9].map(points), [0, 0, 5, 5, 10, 10, 10, 5, 0])
  })

  test('total: normalised on the calculable indicators; non calculable under 75 points', ({
    assert,
  }) => {
    // I1 40, I2 not calculable (no raise), I3 not calculable, I4: 10 men/10 women top -> 10 => 50/50
    const employees = [...staff('F', 5, 30000), ...staff('H', 5, 30000)]
    const r = computeEqualityIndex(input(employees))
    assert.equal(r.maxPoints, 50)
    assert.isFalse(r.calculable)
    assert.isNull(r.index)
    // I1 35, I2 35 (equal rates), I3 not calculable, I4 10 -> 80 / 85 = 94.1 -> 94
    const f = staff('F', 5, 27000)
    const m = staff('H', 5, 30000)
    markRaised(f, 1)
    markRaised(m, 1)
    const r2 = computeEqualityIndex(input([...f, ...m]))
    assert.deepEqual(
      r2.indicators.map((i) => i.points),
      [35, 35, 0, 10]
    )
    assert.equal(r2.maxPoints, 85)
    assert.equal(r2.index, 94)
    assert.isFalse(r2.correctiveMeasures)
    assert.isFalse(r2.progressionObjectives)
  })

  test('thresholds: below 85 objectives, below 75 corrective measures', ({ assert }) => {
    const leave = { returned: 1, raisedOnReturn: 0, raisesDuringLeaves: true }
    // 40 + 35 + 0 + 5 = 80: objectives to publish, no corrective measures
    const f = [...staff('F', 7, 30050), ...staff('F', 5, 29000)]
    const m = [...staff('H', 3, 30100), ...staff('H', 2, 29000)]
    markRaised(f, 3)
    markRaised(m, 1)
    const r = computeEqualityIndex(input([...f, ...m], { maternity: leave }))
    assert.deepEqual(
      r.indicators.map((i) => i.points),
      [40, 35, 0, 5]
    )
    assert.equal(r.index, 80)
    assert.isTrue(r.progressionObjectives)
    assert.isFalse(r.correctiveMeasures)
    // men paid double, all men raised, no woman among the ten best paid: 0
    const f2 = staff('F', 12, 15000)
    const m2 = staff('H', 12, 30000)
    markRaised(m2, 12)
    const bad = computeEqualityIndex(input([...f2, ...m2], { maternity: leave }))
    assert.deepEqual(
      bad.indicators.map((i) => i.points),
      [0, 0, 0, 0]
    )
    assert.equal(bad.index, 0)
    assert.isTrue(bad.correctiveMeasures)
  })
})
