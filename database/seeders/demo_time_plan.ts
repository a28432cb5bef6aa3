import type { Rapport2023 } from '#database/seeders/demo'
import { DEMO_FUNDERS, referenceLine } from '#database/seeders/grants'
import { buildHrPlan, contractAt, type PlanPerson } from '#database/seeders/hr_plan'

/**
 * The demo advisers' time on the programmes funded in 2023 (issue #14), one plan read by both
 * the HR step (time_allocations) and the ledger's analytic overlay (the advisers' pay lines
 * split per programme), so that they cannot disagree.
 *
 * - The advisers are the register's people with a month of 2023 opening under a CISP contract, in the order of the
 *   register; adviser n is the ledger's employee S00n (the payroll entries have more employees
 *   than the register has advisers).
 * - Every funded programme (a programme some demo funder finances) gets at least
 *   MIN_PEOPLE advisers, the others in proportion to its 2023 funding: each family's own line
 *   of the printed income statement, shared equally among the programmes it finances.
 * - An adviser gives all of their time to one programme, in every month of 2023 that opens
 *   under a CISP contract.
 */

/** Fewest distinct people on a funded programme: fewer would show one person's pay. */
export const MIN_PEOPLE = 3

export interface DemoAdviserTime {
  person: PlanPerson
  /** The ledger employee whose pay lines are this adviser's (S001, S002…). */
  aux: string
  /** Months (1-12) of 2023 with time allocated. */
  months: number[]
  /** Programme code and share of the adviser's time (shares add up to 1). */
  shares: Array<{ code: string; share: string }>
}

/** Months (1-12) of 2023 that open under a CISP contract of the person. */
const adviserMonths = (person: PlanPerson) =>
  Array.from({ length: 12 }, (_, i) => i + 1).filter(
    (m) => contractAt(person, `2023-${String(m).padStart(2, '0')}-01`)?.job === 'cisp'
  )

/** The demo's advisers of 2023: people of the register with a month opening under CISP. */
export function demoAdvisers() {
  return buildHrPlan()
    .map((person) => ({ person, months: adviserMonths(person) }))
    .filter((adviser) => adviser.months.length > 0)
}

/** 2023 funding weight per programme code: each family's own revenue, shared among its codes. */
export function demoProgrammeFunding(rapport: Rapport2023) {
  const weights = new Map<string, number>()
  for (const family of DEMO_FUNDERS) {
    const codes = family.programmes ?? []
    if (!codes.length) continue
    const children = DEMO_FUNDERS.filter((f) => f.parent === family.key && f.match)
    const own = children.reduce(
      (rest, child) => rest - (referenceLine(rapport, child.line, '2023') ?? 0),
      referenceLine(rapport, family.line, '2023') ?? 0
    )
    for (const code of codes) weights.set(code, (weights.get(code) ?? 0) + own / codes.length)
  }
  return weights
}

/**
 * Seats per subject: at least `floor` each, the rest in proportion to the (positive) weights,
 * largest remainders; a subject whose proportional part falls under the floor is held at it.
 */
export function apportion(count: number, weights: number[], floor: number) {
  if (count < floor * weights.length)
    throw new Error(`Démo : ${count} personnes pour ${weights.length} dispositifs.`)
  // With positive weights the free subjects always hold at least `floor` seats on average.
  if (weights.some((w) => !(w > 0))) throw new Error('Démo : un dispositif sans financement.')
  const held = new Set<number>()
  for (;;) {
    const free = weights.map((_, i) => i).filter((i) => !held.has(i))
    const seats = count - floor * held.size
    const total = free.reduce((sum, i) => sum + weights[i], 0)
    const exact = new Map(free.map((i) => [i, total > 0 ? (seats * weights[i]) / total : 0]))
    const under = free.filter((i) => exact.get(i)! < floor)
    if (under.length) {
      under.forEach((i) => held.add(i))
      continue
    }
    const result = weights.map((_, i) => (held.has(i) ? floor : Math.floor(exact.get(i)!)))
    const order = free
      .map((i) => [exact.get(i)! - Math.floor(exact.get(i)!), i] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    let left = count - result.reduce((a, b) => a + b, 0)
    for (let k = 0; left > 0; k++, left--) result[order[k % order.length][1]]++
    return result
  }
}

/**
 * The advisers' time of 2023 on the funded programmes among `codes` (the organisation's
 * programme codes): empty when none of them is funded.
 */
export function demoTimePlan(rapport: Rapport2023, codes: string[]): DemoAdviserTime[] {
  const funding = demoProgrammeFunding(rapport)
  // In the funders' order, whatever the order of `codes`: both steps get the same plan.
  const funded = [...funding.keys()].filter(
    (code) => codes.includes(code) && funding.get(code)! > 0
  )
  if (!funded.length) return []
  const advisers = demoAdvisers()
  const seats = apportion(
    advisers.length,
    funded.map((code) => funding.get(code)!),
    MIN_PEOPLE
  )
  // Programmes dealt in turn while they have seats, so each mixes full- and part-year advisers.
  const left = [...seats]
  const assigned: string[] = []
  while (assigned.length < advisers.length)
    funded.forEach((code, i) => {
      if (left[i] > 0) {
        left[i]--
        assigned.push(code)
      }
    })
  return advisers.map(({ person, months }, n) => ({
    person,
    aux: `S${String(n + 1).padStart(3, '0')}`,
    months,
    shares: [{ code: assigned[n], share: '1.0000' }],
  }))
}
