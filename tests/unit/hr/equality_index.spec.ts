import { test } from '@japa/runner'
import { Decimal } from 'decimal.js'
import {
  computeEqualityIndex,
  maternityPoints,
  payPoints,
  promotionPoints,
  raisePoints,
  raisesAndPromotionsPoints,
  sizeBand,
  top10Points,
  BASE_ONLY_LABEL,
  remunerationOf,
  type IndexEmployee,
  type IndexInput,
  type PayGroup,
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
/** The 50-250 method unless a test says otherwise. */
const input = (employees: IndexEmployee[], o: Partial<IndexInput> = {}): IndexInput => ({
  mode: 'csp',
  employees,
  maternity: noLeave,
  averageHeadcount: 100,
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

test.group('HR | equality index: catch-up rule against the Egapro simulator', () => {
  test('a pay gap rounding to 0.0 (40/40) favours nobody and triggers no catch-up: 76, not 100', ({
    assert,
  }) => {
    // Group A (35, tam): women 28 497, men 30 000 -> gap 5.01 %, 0.01 after the 5-point threshold.
    // Group B (45, cadre): 5 women and 5 men at 60 000 -> 0. R = 0.01 x 6 / 16 = 0.00375 -> 0.0.
    const f = [...staff('F', 3, 28497), ...staff('F', 5, 60000, { age: 45, category: 'cadre' })]
    const m = [...staff('H', 3, 30000), ...staff('H', 5, 60000, { age: 45, category: 'cadre' })]
    // Raises favour women: 7/8 against 1/8 -> 75 points (0), 0.75 x 8 = 6 employees (15).
    markRaised(f, 7)
    markRaised(m, 1)
    const r = computeEqualityIndex(input([...f, ...m]))
    const [pay, raises, maternity, top10] = r.indicators
    assert.equal(pay.result!.toString(), '0')
    assert.isTrue((pay.detail.rawResult as Decimal).greaterThan(0))
    assert.equal(pay.points, 40)
    assert.isNull(pay.favoured)
    assert.equal(raises.favoured, 'F')
    assert.isFalse(raises.detail.catchUp)
    assert.equal(raises.points, 15)
    assert.isFalse(maternity.calculable)
    assert.equal(top10.points, 10)
    // (40 + 15 + 10) / 85 = 76.47 -> 76 (the catch-up would have given 85 / 85 = 100).
    assert.equal(r.maxPoints, 85)
    assert.equal(r.index, 76)
  })

  test('the catch-up still applies when the pay indicator scores below 40', ({ assert }) => {
    // Same staff, women of group A at 28 400: gap 5.33 % -> 0.33 x 6 / 16 = 0.125 -> 0.1 -> 39.
    const f = [...staff('F', 3, 28400), ...staff('F', 5, 60000, { age: 45, category: 'cadre' })]
    const m = [...staff('H', 3, 30000), ...staff('H', 5, 60000, { age: 45, category: 'cadre' })]
    markRaised(f, 7)
    markRaised(m, 1)
    const r = computeEqualityIndex(input([...f, ...m]))
    assert.equal(r.indicators[0].result!.toString(), '0.1')
    assert.equal(r.indicators[0].points, 39)
    assert.equal(r.indicators[0].favoured, 'H')
    assert.isTrue(r.indicators[1].detail.catchUp)
    assert.equal(r.indicators[1].points, 35)
    assert.equal(r.index, 99) // (39 + 35 + 10) / 85 = 98.8
  })
})

test.group('HR | equality index: points tables at their boundaries', () => {
  const d = (x: string) => new Decimal(x)
  const score = (f: (x: Decimal) => number, xs: string[]) => xs.map((x) => f(d(x)))

  test('pay gap (40 points)', ({ assert }) => {
    assert.deepEqual(
      score(payPoints, ['0', '0.1', '1', '1.1', '5', '5.1', '7', '7.1', '8', '8.1', '19', '19.1']),
      [40, 39, 39, 38, 35, 34, 33, 31, 31, 29, 5, 2]
    )
    assert.deepEqual(score(payPoints, ['20', '20.1', '21', '45']), [2, 0, 0, 0])
  })

  test('50-250: raises, promotions included (35 points)', ({ assert }) => {
    assert.deepEqual(
      score(raisesAndPromotionsPoints, ['0', '2', '2.1', '5', '5.1', '10', '10.1', '50']),
      [35, 35, 25, 25, 15, 15, 0, 0]
    )
  })

  test('more than 250: raises (20 points) and promotions (15 points)', ({ assert }) => {
    const xs = ['0', '2', '2.1', '5', '5.1', '10', '10.1', '50']
    assert.deepEqual(score(raisePoints, xs), [20, 20, 10, 10, 5, 5, 0, 0])
    assert.deepEqual(score(promotionPoints, xs), [15, 15, 10, 10, 5, 5, 0, 0])
  })

  test('maternity leave (15 only at 100 %) and the ten highest paid', ({ assert }) => {
    assert.deepEqual(
      [
        [1, 1],
        [3, 3],
        [3, 2],
        [1, 0],
      ].map(([returned, raised]) => maternityPoints(returned, raised)),
      [15, 15, 0, 0]
    )
    assert.deepEqual([0, 1, 2, 3, 4, 5].map(top10Points), [0, 0, 5, 5, 10, 10])
  })

  test('results are rounded half up to one decimal before the table is read', ({ assert }) => {
    // 50-250: 41 of 2 000 women raised, none of 2 000 men: 2.05 points -> 2.1 -> 25 ; 2.04 -> 35.
    const run = (raisedWomen: number, women: number) => {
      const f = staff('F', women, 30000)
      markRaised(f, raisedWomen)
      return computeEqualityIndex(
        input([...f, ...staff('H', women, 30000)], { averageHeadcount: 200 })
      ).indicators[1]
    }
    const up = run(41, 2000)
    assert.equal(up.result!.toString(), '2.1')
    assert.equal(up.points, 25)
    const down = run(51, 2500) // 2.04 -> 2.0
    assert.equal(down.result!.toString(), '2')
    assert.equal(down.points, 35)
  })
})

test.group('HR | equality index: size bands and methods', () => {
  test('the method follows the average headcount: under 50, 50 to 250 inclusive, more than 250', ({
    assert,
  }) => {
    assert.deepEqual(
      [0, 49, 49.99, 50, 120, 250, 250.01, 251, 1200].map((n) => sizeBand(n)),
      ['under-50', 'under-50', 'under-50', '50-250', '50-250', '50-250', '251+', '251+', '251+']
    )
  })

  test('under 50: not required, indicative figures with the 50-250 method, no obligation', ({
    assert,
  }) => {
    const f = staff('F', 12, 15000)
    const m = staff('H', 12, 30000)
    markRaised(m, 12)
    const leave = { returned: 1, raisedOnReturn: 0, raisesDuringLeaves: true }
    const r = computeEqualityIndex(input([...f, ...m], { maternity: leave, averageHeadcount: 24 }))
    assert.equal(r.band, 'under-50')
    assert.equal(r.method, '50-250')
    assert.isFalse(r.required)
    assert.equal(r.indicators.length, 4)
    assert.equal(r.index, 0)
    assert.isFalse(r.correctiveMeasures)
    assert.isFalse(r.progressionObjectives)
  })

  test('more than 250: five indicators, raises and promotions by CSP, groups of 10 and 10', ({
    assert,
  }) => {
    // employés: 20 F (8 raised = 40 %), 20 H (4 raised = 20 %) -> gap -20 ;
    // cadres: 10 F (5 raised = 50 %), 10 H (6 raised = 60 %) -> gap +10 ;
    // TAM: 9 F, 30 H -> not retained. R = (-20 x 40 + 10 x 20) / 60 = -10 -> 10.0 -> 5 points.
    const emplF = staff('F', 20, 30000, { category: 'employe' })
    const emplH = staff('H', 20, 30000, { category: 'employe' })
    const cadF = staff('F', 10, 45000, { category: 'cadre', age: 45 })
    const cadH = staff('H', 10, 45000, { category: 'cadre', age: 45 })
    const tam = [
      ...staff('F', 9, 35000, { category: 'tam', age: 55 }),
      ...staff('H', 30, 35000, { category: 'tam', age: 55 }),
    ]
    markRaised(emplF, 8)
    markRaised(emplH, 4)
    markRaised(cadF, 5)
    markRaised(cadH, 6)
    // Promotions: employés 2 F of 20 (10 %), 2 H of 20 (10 %) ; cadres 1 F (10 %), 3 H (30 %)
    // -> (0 x 40 + 20 x 20) / 60 = 6.67 -> 6.7 -> 5 points, favouring men.
    const promote = (list: IndexEmployee[], n: number) =>
      list.slice(-n).forEach((e) => (e.promoted = true))
    promote(emplF, 2)
    promote(emplH, 2)
    promote(cadF, 1)
    promote(cadH, 3)
    const employees = [...emplF, ...emplH, ...cadF, ...cadH, ...tam]
    const r = computeEqualityIndex(input(employees, { averageHeadcount: 260 }))
    assert.equal(r.method, '251+')
    assert.isTrue(r.required)
    assert.deepEqual(
      r.indicators.map((i) => [i.key, i.code, i.max]),
      [
        [1, 'pay', 40],
        [2, 'raises', 20],
        [3, 'promotions', 15],
        [4, 'maternity', 15],
        [5, 'top10', 10],
      ]
    )
    const raises = r.byCode.raises!
    assert.deepEqual(
      raises.detail.groups!.map((g: any) => [g.csp, g.valid, g.gap?.toString() ?? null]),
      [
        ['employe', true, '-20'],
        ['tam', false, null],
        ['cadre', true, '10'],
      ]
    )
    assert.equal(raises.detail.validHeadcount, 60)
    assert.equal(raises.result!.toString(), '10')
    assert.equal(raises.favoured, 'F')
    // Equal pay: 40 points, nothing to catch up.
    assert.equal(r.byCode.pay!.points, 40)
    assert.equal(raises.points, 5)
    const promotions = r.byCode.promotions!
    assert.equal(promotions.result!.toString(), '6.7')
    assert.equal(promotions.favoured, 'H')
    assert.equal(promotions.points, 5)
  })

  test('more than 250: the catch-up gives full points to raises and promotions alike', ({
    assert,
  }) => {
    // Men better paid in both groups (gap 10 % -> 5 after threshold -> 35 points, favours men);
    // raises and promotions favour women.
    const f = staff('F', 20, 27000, { category: 'employe' })
    const m = staff('H', 20, 30000, { category: 'employe' })
    markRaised(f, 10)
    markRaised(m, 2)
    f.slice(-5).forEach((e) => (e.promoted = true))
    const r = computeEqualityIndex(input([...f, ...m], { averageHeadcount: 300 }))
    assert.equal(r.byCode.pay!.points, 35)
    assert.equal(r.byCode.pay!.favoured, 'H')
    for (const code of ['raises', 'promotions'] as const) {
      const i = r.byCode[code]!
      assert.equal(i.favoured, 'F')
      assert.isTrue(i.detail.catchUp)
      assert.equal(i.points, i.max)
    }
  })

  test('more than 250: non-calculable verdicts (no raise, no promotion, CSP retained under 40 %)', ({
    assert,
  }) => {
    const big = { averageHeadcount: 400 }
    // No raise nor promotion at all.
    const none = computeEqualityIndex(
      input([...staff('F', 20, 30000), ...staff('H', 20, 30000)], big)
    )
    assert.isFalse(none.byCode.raises!.calculable)
    assert.match(none.byCode.raises!.reason!, /Aucune augmentation individuelle/)
    assert.isFalse(none.byCode.promotions!.calculable)
    assert.match(none.byCode.promotions!.reason!, /Aucune promotion/)
    // A retained CSP of 10 + 10 against 30 others: 20 / 50 = 40 % -> calculable; 20 / 51 -> not.
    const staffOf = (others: number) => {
      const f = staff('F', 10, 30000, { category: 'cadre' })
      const m = staff('H', 10, 30000, { category: 'cadre' })
      markRaised(f, 1)
      f[9].promoted = true
      return [...f, ...m, ...staff('H', others, 30000, { category: 'employe' })]
    }
    const at40 = computeEqualityIndex(input(staffOf(30), big))
    assert.isTrue(at40.byCode.raises!.calculable)
    assert.isTrue(at40.byCode.promotions!.calculable)
    const under40 = computeEqualityIndex(input(staffOf(31), big))
    for (const code of ['raises', 'promotions'] as const) {
      assert.isFalse(under40.byCode[code]!.calculable)
      assert.match(under40.byCode[code]!.reason!, /moins de 40 %/)
    }
    // 9 women in the only mixed CSP: no group retained.
    const nine = computeEqualityIndex(
      input(
        [
          ...staff('F', 9, 30000, { category: 'cadre', raised: true }),
          ...staff('H', 10, 30000, { category: 'cadre' }),
        ],
        big
      )
    )
    assert.isFalse(nine.byCode.raises!.calculable)
    // Pay not calculable, raises and promotions not calculable: 15 + 10 = 25 < 75 -> no index.
    const leave = { returned: 1, raisedOnReturn: 1, raisesDuringLeaves: true }
    const tiny = computeEqualityIndex(
      input([...staff('F', 20, 30000, { age: 25 }), ...staff('H', 30, 30000, { age: 55 })], {
        ...big,
        maternity: leave,
      })
    )
    assert.isFalse(tiny.byCode.pay!.calculable)
    assert.equal(tiny.maxPoints, 25)
    assert.isFalse(tiny.calculable)
    assert.isNull(tiny.index)
  })

  test('indicator 1: exactly 40 % of the headcount in valid groups is enough', ({ assert }) => {
    const employees = [
      ...staff('F', 3, 27000),
      ...staff('H', 3, 30000),
      ...staff('F', 9, 30000, { age: 45 }), // no men: invalid
    ]
    assert.isTrue(computeEqualityIndex(input(employees)).indicators[0].calculable) // 6 / 15
  })
})

test.group('HR | equality index: remuneration as the law defines it (L3221-3)', () => {
  const money = (n: number) => new Decimal(n)

  test('bonuses and benefits in kind paid to women narrow the pay gap, by hand', ({ assert }) => {
    // Base pay only: women 27 000, men 30 000 -> gap 3 000 / 30 000 = 10 %, minus the 5-point
    // threshold = 5.0 -> T1[5] = 35 points, favouring men.
    const before = computeEqualityIndex(input([...staff('F', 3, 27000), ...staff('H', 3, 30000)]))
    assert.equal(before.byCode.pay!.result!.toString(), '5')
    assert.equal(before.byCode.pay!.points, 35)
    assert.equal(before.remuneration.label, BASE_ONLY_LABEL)
    assert.deepEqual(before.remuneration.counted, [])

    // Two women get a 600 € bonus, the third a 300 € benefit in kind:
    // women (27 600 + 27 600 + 27 300) / 3 = 27 500; gap 2 500 / 30 000 = 8.333… %,
    // minus 5 = 3.333… -> 3.3, ceil 4 -> T1[4] = 36 points, still favouring men.
    const women = [
      ...staff('F', 2, 27000, { components: { prime: money(600) } }),
      ...staff('F', 1, 27000, { components: { avantage_nature: money(300) } }),
    ]
    const after = computeEqualityIndex(input([...women, ...staff('H', 3, 30000)]))
    assert.equal(after.byCode.pay!.result!.toString(), '3.3')
    assert.equal(after.byCode.pay!.points, 36)
    assert.equal(after.byCode.pay!.favoured, 'H')
    const group = (after.byCode.pay!.detail.groups as PayGroup[])[0]
    assert.equal(group.avgWomen!.toString(), '27500')
    assert.equal(group.avgMen!.toString(), '30000')
    assert.deepEqual(after.remuneration.counted, ['prime', 'avantage_nature'])
    assert.equal(after.remuneration.label, 'salaire brut de base + primes + avantages en nature')
    assert.isNull(after.remuneration.excludedLabel)
    assert.equal(remunerationOf(women[0]).toString(), '27600')
  })

  test('overtime and the other excluded kinds change nothing; a base component is not added twice', ({
    assert,
  }) => {
    // Overtime of 3 000 to each woman would close the gap entirely (27 000 + 3 000 = 30 000)
    // if it counted, and seniority bonuses or severance to the men would widen it: the law
    // leaves them out, so the result stays 5.0 and 35 points, as with base pay alone.
    const r = computeEqualityIndex(
      input([
        ...staff('F', 3, 27000, { components: { heures_supplementaires: money(3000) } }),
        ...staff('H', 2, 30000, {
          components: { prime_anciennete: money(2000), indemnite_rupture: money(9000) },
        }),
        ...staff('H', 1, 30000, {
          components: { base: money(30000), epargne_salariale: money(1500) },
        }),
      ])
    )
    assert.equal(r.byCode.pay!.result!.toString(), '5')
    assert.equal(r.byCode.pay!.points, 35)
    assert.equal(r.remuneration.label, BASE_ONLY_LABEL)
    assert.deepEqual(r.remuneration.excluded, [
      'heures_supplementaires',
      'prime_anciennete',
      'indemnite_rupture',
      'epargne_salariale',
    ])
    assert.include(r.remuneration.excludedLabel!, 'heures supplémentaires')
  })

  test('the ten highest remunerations include bonuses', ({ assert }) => {
    // 10 men at 40 000 and 10 women at 39 000, each woman with a 2 000 € bonus: the ten highest
    // remunerations (41 000) are the women's; without the bonus they would be the men's.
    const r = computeEqualityIndex(
      input([
        ...staff('F', 10, 39000, { components: { prime: money(2000) } }),
        ...staff('H', 10, 40000),
      ])
    )
    assert.deepEqual(r.byCode.top10!.detail, { women: 10, men: 0 })
    assert.equal(r.byCode.top10!.favoured, 'F')
  })
})
