import { test } from '@japa/runner'
import { toMoney } from '#support/money'
import {
  horizonOf,
  instalmentFlows,
  manualFlows,
  medianDays,
  monthlyPeriods,
  payrollFlows,
  rollForward,
  supplierFlows,
  weeklyPeriods,
  type Flow,
  type OpenInstalmentInput,
} from '#reports/treasury/forecast_engine'

/**
 * The forecast engine on a case computed by hand. Balance 10 000,00 € on 31/12/2023.
 * - Instalment A: funder 1, expected 10/01/2024, 5 000 € left; funder 1 pays 7 days late → 17/01.
 * - Instalment B: funder 2, expected 01/12/2023, 2 000 € left, 10 days late → 11/12/2023, before
 *   the start: overdue, counted on 01/01/2024.
 * - Payroll: 3 000 € gross in December and January, 2 people, charge rate 45 %:
 *   net 3 000 × 78 % = 2 340 € on 31/01 (December's net, 31/12, is in the balance already);
 *   charges 3 000 × (22 % + 45 %) = 2 010 € on 15/01 (December) and 15/02 (January).
 * - Supplier: 500 € on the 5th of each month.
 * - Manual: −1 000 € on 20/01/2024; +200 € each 25th from 25/01/2024 to 29/02/2024.
 */
const m = (value: string) => toMoney(value)
const START = '2023-12-31'
const A: OpenInstalmentInput = {
  scheduleId: 11,
  funderId: 1,
  funder: 'État',
  reference: 'CONV-A',
  expectedOn: '2024-01-10',
  remaining: m('5000'),
}
const B: OpenInstalmentInput = {
  scheduleId: 12,
  funderId: 2,
  funder: 'Région',
  reference: 'CONV-B',
  expectedOn: '2023-12-01',
  remaining: m('2000'),
}
const delays = new Map([
  [1, 7],
  [2, 10],
])

function handFlows(): Flow[] {
  const until = horizonOf(START)
  return [
    ...instalmentFlows(START, [A, B], delays),
    ...payrollFlows(
      START,
      until,
      [
        { month: '2023-12-01', gross: m('3000'), headcount: 2 },
        { month: '2024-01-01', gross: m('3000'), headcount: 2 },
      ],
      m('0.45')
    ),
    ...supplierFlows(START, until, [{ label: 'Loyer', amount: m('500'), day: 5 }]),
    ...manualFlows(START, until, [
      {
        label: 'Matériel',
        dueOn: '2024-01-20',
        amount: m('-1000'),
        recurrence: 'none',
        endsOn: null,
      },
      {
        label: 'Remboursement',
        dueOn: '2024-01-25',
        amount: m('200'),
        recurrence: 'monthly',
        endsOn: '2024-02-29',
      },
    ]),
  ]
}

test.group('Treasury | forecast engine', () => {
  test('periods: 13 weeks and 12 calendar months after the balance date', ({ assert }) => {
    const weeks = weeklyPeriods(START)
    assert.lengthOf(weeks, 13)
    assert.deepEqual(weeks[0], { from: '2024-01-01', to: '2024-01-07' })
    assert.deepEqual(weeks[12], { from: '2024-03-25', to: '2024-03-31' })
    const months = monthlyPeriods(START)
    assert.lengthOf(months, 12)
    assert.deepEqual(months[1], { from: '2024-02-01', to: '2024-02-29' })
    assert.deepEqual(months[11], { from: '2024-12-01', to: '2024-12-31' })
    // A balance in the middle of a month: the first month is what is left of it.
    const mid = monthlyPeriods('2024-03-14')
    assert.deepEqual(mid[0], { from: '2024-03-15', to: '2024-03-31' })
    assert.deepEqual(mid[11], { from: '2025-02-01', to: '2025-02-28' })
    assert.equal(horizonOf(START), '2024-12-31')
  })

  test('the hand-built case, week by week', ({ assert }) => {
    const table = rollForward(START, m('10000'), handFlows(), weeklyPeriods(START), m('9000'))
    const closings = table.periods.map((period) => period.closing.toFixed(2))
    // W1 +2 000 (B) −500 (supplier 05/01); W3 −2 010 (15/01) +5 000 (A, 17/01) −1 000 (20/01);
    // W4 +200 (25/01); W5 −2 340 (31/01); W6 −500 (05/02); W7 −2 010 (15/02); W8 +200 (25/02);
    // W10 −500 (05/03); nothing else up to 31/03 (the monthly +200 ended on 29/02).
    assert.deepEqual(closings, [
      '11500.00',
      '11500.00',
      '13490.00',
      '13690.00',
      '11350.00',
      '10850.00',
      '8840.00',
      '9040.00',
      '9040.00',
      '8540.00',
      '8540.00',
      '8540.00',
      '8540.00',
    ])
    const first = table.periods[0]
    assert.equal(first.opening.toFixed(2), '10000.00')
    assert.equal(first.inflows.grants.toFixed(2), '2000.00')
    assert.equal(first.outflows.suppliers.toFixed(2), '500.00')
    const third = table.periods[2]
    assert.equal(third.inflows.grants.toFixed(2), '5000.00')
    assert.equal(third.outflows.social_charges.toFixed(2), '2010.00')
    assert.equal(third.outflows.manual.toFixed(2), '1000.00')
    assert.equal(third.totalOut.toFixed(2), '3010.00')
    // Lowest of W3: 9 490 on 15/01, before A arrives.
    assert.deepEqual([third.lowest.amount.toFixed(2), third.lowest.date], ['9490.00', '2024-01-15'])
    // Lowest of the 13 weeks: 8 540 on 05/03 (W10), the earliest day at that balance.
    assert.deepEqual([table.lowest.amount.toFixed(2), table.lowest.date], ['8540.00', '2024-03-05'])
    assert.deepEqual(
      table.periods.map((period) => period.holdsLowest),
      [false, false, false, false, false, false, false, false, false, true, false, false, false]
    )
    // Under 9 000: W7 (8 840), W8 (8 840 on its first day), W10 to W13.
    assert.deepEqual(
      table.periods.map((period) => period.belowThreshold),
      [false, false, false, false, false, false, true, true, false, true, true, true, true]
    )
    const overdue = handFlows().find((flow) => flow.overdue)
    assert.equal(overdue?.label, 'Région — CONV-B')
  })

  test('the hand-built case, month by month', ({ assert }) => {
    const table = rollForward(START, m('10000'), handFlows(), monthlyPeriods(START))
    const january = table.periods[0]
    // In: 7 000 (A and B) + 200; out: 500 + 2 010 + 1 000 + 2 340 = 5 850.
    assert.equal(january.totalIn.toFixed(2), '7200.00')
    assert.equal(january.totalOut.toFixed(2), '5850.00')
    assert.equal(january.closing.toFixed(2), '11350.00')
    // Then −500 each month (supplier), −2 010 + 200 in February: December closes at
    // 11 350 − 2 010 + 200 − 11 × 500 = 4 040, its lowest on 05/12.
    assert.equal(table.periods[1].closing.toFixed(2), '9040.00')
    assert.equal(table.periods[11].closing.toFixed(2), '4040.00')
    assert.deepEqual([table.lowest.amount.toFixed(2), table.lowest.date], ['4040.00', '2024-12-05'])
    assert.isTrue(table.periods[11].holdsLowest)
    assert.isFalse(table.periods[10].belowThreshold, 'no threshold, nothing under it')
  })

  test('scenarios: a funder paying later, an instalment reduced', ({ assert }) => {
    const later = instalmentFlows(START, [A, B], delays, {
      funderDelay: { funderId: 1, days: 20 },
      reduction: { scheduleId: 12, kind: 'percent', value: m('10') },
    })
    // A: 10/01 + 7 + 20 days = 06/02; B: 2 000 − 10 % = 1 800, still overdue.
    assert.deepEqual(
      later.map((flow) => [flow.date, flow.amount.toFixed(2)]),
      [
        ['2024-02-06', '5000.00'],
        ['2024-01-01', '1800.00'],
      ]
    )
    const cut = instalmentFlows(START, [A], delays, {
      reduction: { scheduleId: 11, kind: 'amount', value: m('6000') },
    })
    assert.lengthOf(cut, 0, 'reduced below nothing, the instalment brings nothing')
    const flows = [...handFlows().filter((flow) => flow.source !== 'grants'), ...later]
    const table = rollForward(START, m('10000'), flows, weeklyPeriods(START))
    // W1: +1 800 −500 = 11 300; W3: −2 010 −1 000 = 8 290 (A has moved to W6).
    assert.equal(table.periods[0].closing.toFixed(2), '11300.00')
    assert.equal(table.periods[2].closing.toFixed(2), '8290.00')
    // 8 290 + 200 (25/01) − 2 340 (31/01) − 500 (05/02) = 5 650 on 05/02, the day before A.
    assert.deepEqual([table.lowest.amount.toFixed(2), table.lowest.date], ['5650.00', '2024-02-05'])
  })

  test('payroll calendar: the 5th from 50 employees, nothing before the start', ({ assert }) => {
    const flows = payrollFlows(
      '2024-01-10',
      '2024-12-31',
      [{ month: '2024-01-01', gross: m('100000.01'), headcount: 60 }],
      m('0.4')
    )
    assert.deepEqual(
      flows.map((flow) => [flow.date, flow.source, flow.amount.toFixed(2)]),
      [
        // 100 000,01 × 0,78 = 78 000,0078 → 78 000,01; × 0,62 = 62 000,0062 → 62 000,01
        ['2024-01-31', 'net_pay', '-78000.01'],
        ['2024-02-05', 'social_charges', '-62000.01'],
      ]
    )
    assert.lengthOf(
      payrollFlows(
        '2024-02-05',
        '2024-12-31',
        [{ month: '2024-01-01', gross: m('1'), headcount: 60 }],
        m('0.4')
      ),
      0,
      'both paid by the start'
    )
  })

  test('supplier days and monthly items keep the end of the month', ({ assert }) => {
    const suppliers = supplierFlows('2024-01-15', '2024-03-31', [
      { label: 'Loyer', amount: m('10'), day: 31 },
    ])
    assert.deepEqual(
      suppliers.map((flow) => flow.date),
      ['2024-01-31', '2024-02-29', '2024-03-31']
    )
    const items = manualFlows('2024-01-15', '2024-05-31', [
      { label: 'Prêt', dueOn: '2024-01-31', amount: m('-10'), recurrence: 'monthly', endsOn: null },
      { label: 'Passé', dueOn: '2024-01-02', amount: m('5'), recurrence: 'none', endsOn: null },
    ])
    assert.deepEqual(
      items.map((flow) => flow.date),
      ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31']
    )
  })

  test('median of observed delays', ({ assert }) => {
    assert.equal(medianDays([]), 0)
    assert.equal(medianDays([30, 5, 12]), 12)
    assert.equal(medianDays([10, 20, 1, 4]), 7)
    assert.equal(medianDays([-3, 0]), -1)
  })
})
