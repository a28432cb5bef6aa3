import type { Decimal } from 'decimal.js'
import { DateTime } from 'luxon'
import { roundCents, toMoney, ZERO } from '#support/money'
import { codesOf } from '#vocabulary/labels'
import {
  FLOW_SOURCES,
  type FlowSource,
  type Recurrence,
  type ReductionKind,
} from '#vocabulary/treasury'

/**
 * The cash-flow forecast engine (issue #18, ADR 16): pure functions, no database. The report
 * (`cash_forecast.ts`) reads the bank balance, the schedules, the register and the ledger, turns
 * them into dated flows here, and the engine rolls them into weekly and monthly periods.
 * Every amount is a Decimal; every date an ISO calendar day ('2024-01-31').
 */

export const WEEKS = 13
export const MONTHS = 12

/**
 * Share of the gross salary withheld as the employee's contributions (CSG/CRDS, retirement,
 * unemployment): net pay is 78 % of gross, and the withheld 22 % leaves with the employer's
 * charges. The usual order of magnitude for a non-managerial employee in France.
 */
export const EMPLOYEE_SHARE = toMoney('0.22')

/**
 * Headcount from which the social charges of a month are paid on the 5th of the next month
 * (DSN calendar of employers of 50 or more who pay in the same month); on the 15th below it.
 */
export const EARLY_DSN_HEADCOUNT = 50

export interface Flow {
  /** ISO calendar day the money moves. */
  date: string
  /** Signed: positive comes in, negative goes out. */
  amount: Decimal
  source: FlowSource
  label: string
  /** An instalment already late at the start, counted on the first day of the forecast. */
  overdue?: boolean
  /** An instalment's date in its schedule, before the funder's delay. */
  expectedOn?: string
}

export interface Period {
  from: string
  to: string
}

export interface Balance {
  amount: Decimal
  date: string
}

export interface ForecastPeriod extends Period {
  opening: Decimal
  /** What comes in, by source (zero for the sources with nothing). */
  inflows: Record<FlowSource, Decimal>
  /** What goes out, by source, as positive amounts. */
  outflows: Record<FlowSource, Decimal>
  totalIn: Decimal
  totalOut: Decimal
  closing: Decimal
  /** Lowest balance at the end of a day of the period (its opening when nothing goes out). */
  lowest: Balance
  /** The period holds the lowest balance of its table. */
  holdsLowest: boolean
  /** Its lowest balance is under the board's threshold. */
  belowThreshold: boolean
}

export interface ForecastTable {
  periods: ForecastPeriod[]
  /** Lowest end-of-day balance over the table, earliest day on a tie. */
  lowest: Balance
}

const iso = (day: DateTime) => day.toISODate()!
const parse = (day: string) => DateTime.fromISO(day, { zone: 'utc' })

export function addDays(day: string, days: number) {
  return iso(parse(day).plus({ days }))
}

/** Thirteen weeks of seven days, the first starting the day after the balance date. */
export function weeklyPeriods(start: string, weeks = WEEKS): Period[] {
  return Array.from({ length: weeks }, (_, index) => ({
    from: addDays(start, 1 + 7 * index),
    to: addDays(start, 7 + 7 * index),
  }))
}

/**
 * Twelve calendar months from the day after the balance date: the first one starts that day
 * (a whole month when the balance is a month end, the rest of the month otherwise).
 */
export function monthlyPeriods(start: string, months = MONTHS): Period[] {
  const first = parse(start).plus({ days: 1 })
  return Array.from({ length: months }, (_, index) => {
    const month = first.startOf('month').plus({ months: index })
    return { from: index === 0 ? iso(first) : iso(month), to: iso(month.endOf('month')) }
  })
}

/** The last day the forecast looks at: the end of its twelfth month (after the 13th week). */
export function horizonOf(start: string) {
  const weeks = weeklyPeriods(start)
  const months = monthlyPeriods(start)
  const last = [weeks[weeks.length - 1].to, months[months.length - 1].to].sort()
  return last[1]
}

const perSource = () =>
  Object.fromEntries(codesOf(FLOW_SOURCES).map((source) => [source, ZERO])) as Record<
    FlowSource,
    Decimal
  >

/**
 * Rolls the flows into the periods (consecutive, the first starting the day after `start`) from
 * the opening balance at `start`. Flows outside the periods are left out. The lowest balance is
 * the lowest end-of-day balance of the periods; the threshold marks the periods going under it.
 */
export function rollForward(
  start: string,
  opening: Decimal,
  flows: Flow[],
  periods: Period[],
  threshold: Decimal | null = null
): ForecastTable {
  const byDay = new Map<string, Decimal>()
  for (const flow of flows) byDay.set(flow.date, (byDay.get(flow.date) ?? ZERO).plus(flow.amount))
  const days = [...byDay.keys()].filter((day) => day > start).sort()
  let balance = opening
  let lowest: Balance | null = null
  const result = periods.map((period) => {
    const inflows = perSource()
    const outflows = perSource()
    for (const flow of flows) {
      if (flow.date < period.from || flow.date > period.to) continue
      if (flow.amount.gt(0)) inflows[flow.source] = inflows[flow.source].plus(flow.amount)
      else outflows[flow.source] = outflows[flow.source].minus(flow.amount)
    }
    const periodOpening = balance
    const moves = days.filter((day) => day >= period.from && day <= period.to)
    // The opening is an end-of-day balance of the period unless money moves on its first day.
    let periodLowest: Balance | null =
      moves[0] === period.from ? null : { amount: balance, date: period.from }
    for (const day of moves) {
      balance = balance.plus(byDay.get(day)!)
      if (!periodLowest || balance.lt(periodLowest.amount)) {
        periodLowest = { amount: balance, date: day }
      }
    }
    const lowestOfPeriod = periodLowest!
    if (!lowest || lowestOfPeriod.amount.lt(lowest.amount)) lowest = lowestOfPeriod
    const totalIn = Object.values(inflows).reduce((sum, value) => sum.plus(value), ZERO)
    const totalOut = Object.values(outflows).reduce((sum, value) => sum.plus(value), ZERO)
    return {
      ...period,
      opening: periodOpening,
      inflows,
      outflows,
      totalIn,
      totalOut,
      closing: balance,
      lowest: lowestOfPeriod,
      holdsLowest: false,
      belowThreshold: threshold !== null && lowestOfPeriod.amount.lt(threshold),
    }
  })
  const overall = lowest ?? { amount: opening, date: start }
  for (const period of result) {
    period.holdsLowest = overall.date >= period.from && overall.date <= period.to
  }
  return { periods: result, lowest: overall }
}

// ---------------------------------------------------------------------------------------------
// From the sources to dated flows.

export interface OpenInstalmentInput {
  scheduleId: number
  funderId: number
  funder: string
  reference: string
  expectedOn: string
  /** What remains to be received of it. */
  remaining: Decimal
}

export interface Scenario {
  /** A funder paying this many days later than it usually does. */
  funderDelay?: { funderId: number; days: number } | null
  /** An instalment reduced by an amount or a percentage of what remains of it. */
  reduction?: { scheduleId: number; kind: ReductionKind; value: Decimal } | null
}

/**
 * Each open instalment at its expected date shifted by its funder's observed delay (days, may be
 * negative) and the scenario's; an instalment whose shifted date is not after the start is
 * counted on the first day of the forecast, marked overdue.
 */
export function instalmentFlows(
  start: string,
  instalments: OpenInstalmentInput[],
  delays: Map<number, number>,
  scenario: Scenario = {}
): Flow[] {
  const flows: Flow[] = []
  for (const instalment of instalments) {
    let amount = instalment.remaining
    const reduction = scenario.reduction
    if (reduction && reduction.scheduleId === instalment.scheduleId) {
      const cut =
        reduction.kind === 'percent'
          ? roundCents(amount.times(reduction.value).div(100))
          : reduction.value
      amount = amount.minus(cut)
    }
    if (amount.lte(0)) continue
    const extra =
      scenario.funderDelay?.funderId === instalment.funderId ? scenario.funderDelay.days : 0
    const shifted = addDays(instalment.expectedOn, (delays.get(instalment.funderId) ?? 0) + extra)
    const overdue = shifted <= start
    flows.push({
      date: overdue ? addDays(start, 1) : shifted,
      amount,
      source: 'grants',
      label: `${instalment.funder} — ${instalment.reference}`,
      overdue,
      expectedOn: instalment.expectedOn,
    })
  }
  return flows
}

/** Median of whole days, rounded half up (0 without observations). */
export function medianDays(values: number[]) {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2)
}

export interface PayrollMonth {
  /** First day of the month. */
  month: string
  /** Monthly gross of the contracts in force at the month's end (summed, never per person). */
  gross: Decimal
  headcount: number
}

/**
 * Payroll calendar: the net salaries of a month are paid on its last day; the social charges
 * (employee share withheld + employer charges at `chargeRate`, a fraction) on the 15th of the
 * next month, the 5th from EARLY_DSN_HEADCOUNT employees. Only the flows after `start` and up
 * to `until` are kept, so a month's charges paid after the start still count.
 */
export function payrollFlows(
  start: string,
  until: string,
  months: PayrollMonth[],
  chargeRate: Decimal
): Flow[] {
  const flows: Flow[] = []
  for (const { month, gross, headcount } of months) {
    if (gross.lte(0)) continue
    const first = parse(month)
    const label = first.setLocale('fr').toFormat('LLLL yyyy')
    const payday = iso(first.endOf('month'))
    const chargeDay = iso(
      first.plus({ months: 1 }).set({ day: headcount >= EARLY_DSN_HEADCOUNT ? 5 : 15 })
    )
    const net = roundCents(gross.times(toMoney(1).minus(EMPLOYEE_SHARE)))
    const charges = roundCents(gross.times(EMPLOYEE_SHARE.plus(chargeRate)))
    if (payday > start && payday <= until) {
      flows.push({ date: payday, amount: net.negated(), source: 'net_pay', label })
    }
    if (chargeDay > start && chargeDay <= until) {
      flows.push({ date: chargeDay, amount: charges.negated(), source: 'social_charges', label })
    }
  }
  return flows
}

export interface RecurringSupplier {
  label: string
  /** Average monthly payment (positive). */
  amount: Decimal
  /** Day of the month it is usually paid. */
  day: number
}

/** Every month of (start, until], each recurring supplier is paid on its usual day. */
export function supplierFlows(
  start: string,
  until: string,
  suppliers: RecurringSupplier[]
): Flow[] {
  const flows: Flow[] = []
  for (const supplier of suppliers) {
    for (
      let month = parse(start).startOf('month');
      iso(month) <= until;
      month = month.plus({ months: 1 })
    ) {
      const date = iso(month.set({ day: Math.min(supplier.day, month.daysInMonth!) }))
      if (date > start && date <= until) {
        flows.push({
          date,
          amount: supplier.amount.negated(),
          source: 'suppliers',
          label: supplier.label,
        })
      }
    }
  }
  return flows
}

export interface ManualItemInput {
  label: string
  dueOn: string
  /** Signed: positive comes in. */
  amount: Decimal
  recurrence: Recurrence
  /** Last day a monthly item comes back (none: up to the horizon). */
  endsOn: string | null
}

/** Manual items in (start, until]; a monthly one comes back on the same day of each month. */
export function manualFlows(start: string, until: string, items: ManualItemInput[]): Flow[] {
  const flows: Flow[] = []
  for (const item of items) {
    const last = item.endsOn && item.endsOn < until ? item.endsOn : until
    const first = parse(item.dueOn)
    const count = item.recurrence === 'monthly' ? Number.POSITIVE_INFINITY : 1
    for (let index = 0; index < count; index++) {
      // From the first date each time, so that the 31st stays the month's last day.
      const date = iso(first.plus({ months: index }))
      if (date > last) break
      if (date > start) {
        flows.push({ date, amount: item.amount, source: 'manual', label: item.label })
      }
    }
  }
  return flows
}
