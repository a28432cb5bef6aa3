import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import { CSP_LABELS } from '#reports/hr/register_sql'

/**
 * Index de l'égalité professionnelle, method for 50 to 250 employees (domain.md §2, from the
 * official Egapro calculator). `computeEqualityIndex` is the pure rule set (unit-tested on
 * hand-computed cases); `EqualityIndexReport` gathers its input from the register in SQL.
 */

export type Sex = 'F' | 'H'
export type IndexMode = 'csp' | 'level'

export interface IndexEmployee {
  id: number
  sex: Sex
  /** Age on the last day of the period (or of presence). */
  age: number
  /** CSP code, or the branch classification level in 'level' mode. */
  category: string
  /** Annual gross pay, full-time equivalent, over the period. */
  pay: Decimal
  /** At least one individual raise (promotions included) during the period. */
  raised: boolean
}

export interface IndexInput {
  mode: IndexMode
  employees: IndexEmployee[]
  maternity: { returned: number; raisedOnReturn: number; raisesDuringLeaves: boolean }
}

export const AGE_GROUPS = ['moins de 30 ans', '30 à 39 ans', '40 à 49 ans', '50 ans et plus']
export const T1 = [40, 39, 38, 37, 36, 35, 34, 33, 31, 29, 27, 25, 23, 21, 19, 17, 14, 11, 8, 5, 2]
export const T2 = [35, 35, 35, 25, 25, 25, 15, 15, 15, 15, 15]

export function ageGroup(age: number) {
  return age < 30 ? 0 : age < 40 ? 1 : age < 50 ? 2 : 3
}

const round1 = (d: Decimal) => d.toDecimalPlaces(1, Decimal.ROUND_HALF_UP)
const table = (points: number[], value: Decimal) => {
  const index = value.ceil().toNumber()
  return index < points.length ? points[index] : 0
}

export interface PayGroup {
  ageGroup: string
  category: string
  women: number
  men: number
  avgWomen: Decimal | null
  avgMen: Decimal | null
  valid: boolean
  gap: Decimal | null
  adjustedGap: Decimal | null
}

export interface Indicator {
  key: 1 | 2 | 3 | 4
  label: string
  calculable: boolean
  reason: string | null
  max: number
  points: number
  /** The figure scored (percentage, points of percentage...) */
  result: Decimal | null
  favoured: Sex | null
  detail: Record<string, unknown>
}

export interface EqualityIndex {
  indicators: Indicator[]
  points: number
  maxPoints: number
  calculable: boolean
  index: number | null
  correctiveMeasures: boolean
  progressionObjectives: boolean
  headcount: { F: number; H: number; total: number }
}

export function computeEqualityIndex(input: IndexInput): EqualityIndex {
  const { employees, mode } = input
  const women = employees.filter((e) => e.sex === 'F')
  const men = employees.filter((e) => e.sex === 'H')

  // Indicator 1: pay gap by age group x category, valid groups only.
  const threshold = mode === 'csp' ? 5 : 2
  const groups = new Map<string, IndexEmployee[]>()
  for (const e of employees) {
    const key = `${ageGroup(e.age)}|${e.category}`
    if (!groups.has(key)) groups.set(key, [])
    groups.get(key)!.push(e)
  }
  const avg = (list: IndexEmployee[]) =>
    list.length ? list.reduce((a, e) => a.plus(e.pay), new Decimal(0)).div(list.length) : null
  const payGroups: PayGroup[] = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, list]) => {
      const [age, category] = key.split('|')
      const f = list.filter((e) => e.sex === 'F')
      const m = list.filter((e) => e.sex === 'H')
      const valid = f.length >= 3 && m.length >= 3
      const avgWomen = avg(f)
      const avgMen = avg(m)
      let gap: Decimal | null = null
      let adjustedGap: Decimal | null = null
      if (valid) {
        gap = avgMen!.minus(avgWomen!).div(avgMen!).times(100)
        adjustedGap = gap.greaterThan(0)
          ? Decimal.max(gap.minus(threshold), 0)
          : Decimal.min(gap.plus(threshold), 0)
      }
      return {
        ageGroup: AGE_GROUPS[Number(age)],
        category: mode === 'csp' ? (CSP_LABELS[category] ?? category) : category,
        women: f.length,
        men: m.length,
        avgWomen,
        avgMen,
        valid,
        gap,
        adjustedGap,
      }
    })
  const validCount = payGroups.filter((g) => g.valid).reduce((a, g) => a + g.women + g.men, 0)
  const i1Calculable = employees.length > 0 && validCount * 10 >= employees.length * 4
  let r1: Decimal | null = null
  let i1: Indicator
  if (i1Calculable) {
    r1 = payGroups
      .filter((g) => g.valid)
      .reduce((a, g) => a.plus(g.adjustedGap!.times(g.women + g.men)), new Decimal(0))
      .div(validCount)
    const result = round1(r1.abs())
    i1 = {
      key: 1,
      label: 'Écart de rémunération',
      calculable: true,
      reason: null,
      max: 40,
      points: table(T1, result),
      result,
      favoured: r1.isZero() ? null : r1.greaterThan(0) ? 'H' : 'F',
      detail: { groups: payGroups, validHeadcount: validCount, threshold },
    }
  } else {
    i1 = {
      key: 1,
      label: 'Écart de rémunération',
      calculable: false,
      reason:
        'Les groupes valides (au moins 3 femmes et 3 hommes) couvrent moins de 40 % de l’effectif.',
      max: 40,
      points: 0,
      result: null,
      favoured: null,
      detail: { groups: payGroups, validHeadcount: validCount, threshold },
    }
  }

  // Indicator 2: individual raise rates (promotions included at this size).
  const raisedF = women.filter((e) => e.raised).length
  const raisedM = men.filter((e) => e.raised).length
  let i2: Indicator
  const i2Detail = {
    women: women.length,
    men: men.length,
    raisedWomen: raisedF,
    raisedMen: raisedM,
  }
  if (women.length < 5 || men.length < 5 || raisedF + raisedM === 0) {
    i2 = {
      key: 2,
      label: 'Écart de taux d’augmentations individuelles',
      calculable: false,
      reason:
        raisedF + raisedM === 0
          ? 'Aucune augmentation individuelle sur la période.'
          : 'Moins de 5 femmes ou moins de 5 hommes.',
      max: 35,
      points: 0,
      result: null,
      favoured: null,
      detail: i2Detail,
    }
  } else {
    const rF = new Decimal(raisedF).div(women.length)
    const rM = new Decimal(raisedM).div(men.length)
    const diff = rM.minus(rF)
    const gapPoints = round1(diff.abs().times(100))
    const gapCount = round1(diff.abs().times(Math.min(women.length, men.length)))
    let points = Math.max(table(T2, gapPoints), table(T2, gapCount))
    const favoured: Sex | null = diff.isZero() ? null : diff.greaterThan(0) ? 'H' : 'F'
    // Catch-up: raises favour the sex that indicator 1 shows as lower paid.
    const catchUp =
      i1.calculable && i1.favoured !== null && favoured !== null && favoured !== i1.favoured
    if (catchUp) points = 35
    i2 = {
      key: 2,
      label: 'Écart de taux d’augmentations individuelles',
      calculable: true,
      reason: null,
      max: 35,
      points,
      result: gapPoints,
      favoured,
      detail: { ...i2Detail, rateWomen: rF, rateMen: rM, gapPoints, gapCount, catchUp },
    }
  }

  // Indicator 3: raises on return from maternity or adoption leave.
  const { returned, raisedOnReturn, raisesDuringLeaves } = input.maternity
  const i3Calculable = returned > 0 && raisesDuringLeaves
  const i3: Indicator = {
    key: 3,
    label: 'Augmentations au retour de congé maternité',
    calculable: i3Calculable,
    reason:
      returned === 0
        ? 'Aucun retour de congé maternité ou d’adoption.'
        : !raisesDuringLeaves
          ? 'Aucune augmentation pendant les congés.'
          : null,
    max: 15,
    points: i3Calculable && raisedOnReturn === returned ? 15 : 0,
    result: i3Calculable ? new Decimal(raisedOnReturn).div(returned).times(100) : null,
    favoured: null,
    detail: { returned, raisedOnReturn, raisesDuringLeaves },
  }

  // Indicator 4: under-represented sex among the ten highest paid.
  const top = [...employees].sort((a, b) => b.pay.comparedTo(a.pay) || a.id - b.id).slice(0, 10)
  const topWomen = top.filter((e) => e.sex === 'F').length
  const topMen = top.length - topWomen
  const under = Math.min(topWomen, topMen)
  const i4: Indicator = {
    key: 4,
    label: 'Sexe sous-représenté parmi les 10 plus hautes rémunérations',
    calculable: true,
    reason: null,
    max: 10,
    points: under <= 1 ? 0 : under <= 3 ? 5 : 10,
    result: new Decimal(under),
    favoured: topWomen === topMen ? null : topWomen < topMen ? 'H' : 'F',
    detail: { women: topWomen, men: topMen },
  }

  const indicators = [i1, i2, i3, i4]
  const counted = indicators.filter((i) => i.calculable)
  const points = counted.reduce((a, i) => a + i.points, 0)
  const maxPoints = counted.reduce((a, i) => a + i.max, 0)
  const calculable = maxPoints >= 75
  const index = calculable
    ? new Decimal(points)
        .div(maxPoints)
        .times(100)
        .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
        .toNumber()
    : null
  return {
    indicators,
    points,
    maxPoints,
    calculable,
    index,
    correctiveMeasures: index !== null && index < 75,
    progressionObjectives: index !== null && index < 85,
    headcount: { F: women.length, H: men.length, total: employees.length },
  }
}

/** Gathers the index input from the register for a 12-month period. */
export default class EqualityIndexReport {
  constructor(
    private organisationId: number,
    private from: string,
    private to: string
  ) {}

  async input(): Promise<IndexInput> {
    const org = this.organisationId
    const { from, to } = this
    const settings = await db.from('hr_settings').where('organisation_id', org).first()
    const mode: IndexMode = settings?.equality_index_mode === 'level' ? 'level' : 'csp'
    const result = await db.rawQuery(
      `WITH pres AS (
         SELECT ct.employee_id, greatest(ct.start_date, ?::date) AS s,
                least(COALESCE(ct.end_date, DATE '9999-12-31'), ?::date) AS e
         FROM contracts ct
         WHERE ct.organisation_id = ? AND ct.superseded_at IS NULL
           AND ct.contract_type NOT IN ('apprentissage', 'professionnalisation')
           AND ct.start_date <= ?::date AND COALESCE(ct.end_date, DATE '9999-12-31') >= ?::date
       ),
       days AS (
         SELECT p.employee_id, d::date AS day FROM pres p, generate_series(p.s, p.e, interval '1 day') d
       ),
       paid AS (
         SELECT days.employee_id, days.day,
                (SELECT se.gross_annual_fte FROM salary_events se
                  WHERE se.organisation_id = ? AND se.employee_id = days.employee_id AND se.effective_date <= days.day
                  ORDER BY se.effective_date DESC, se.id DESC LIMIT 1) AS rate
         FROM days
       ),
       leave_days AS (
         SELECT l.employee_id, count(*) AS n
         FROM leaves l, generate_series(greatest(l.start_date, ?::date), least(l.end_date, ?::date), interval '1 day') d
         WHERE l.organisation_id = ? GROUP BY 1
       ),
       agg AS (
         SELECT employee_id, count(*) AS present, avg(rate) AS pay, max(day) AS last_day FROM paid GROUP BY 1
       )
       SELECT e.id, e.sex, date_part('year', age(agg.last_day, e.birth_date))::int AS age, agg.pay,
              COALESCE(c.csp, 'employe') AS csp, COALESCE(c.classification_level, 'non classé') AS level,
              EXISTS (SELECT 1 FROM salary_events r WHERE r.organisation_id = ? AND r.employee_id = e.id
                        AND r.kind IN ('raise', 'promotion') AND r.effective_date BETWEEN ?::date AND ?::date) AS raised
       FROM agg JOIN employees e ON e.id = agg.employee_id
       LEFT JOIN leave_days ld ON ld.employee_id = e.id
       JOIN contracts c ON c.employee_id = e.id AND c.superseded_at IS NULL
         AND c.start_date <= agg.last_day AND COALESCE(c.end_date, DATE '9999-12-31') >= agg.last_day
       WHERE agg.present * 2 >= (?::date - ?::date + 1)
         AND COALESCE(ld.n, 0) * 2 <= (?::date - ?::date + 1)
         AND agg.pay IS NOT NULL
       ORDER BY e.id`,
      [from, to, org, to, from, org, from, to, org, org, from, to, to, from, to, from]
    )
    const employees: IndexEmployee[] = result.rows.map((r: any) => ({
      id: r.id,
      sex: r.sex,
      age: Number(r.age),
      category: mode === 'csp' ? r.csp : r.level,
      pay: new Decimal(r.pay),
      raised: r.raised,
    }))
    const eligible = employees.map((e) => e.id)
    const leaves = await db.rawQuery(
      `SELECT l.employee_id, l.start_date, l.end_date,
              EXISTS (SELECT 1 FROM salary_events r WHERE r.organisation_id = l.organisation_id
                        AND r.employee_id = l.employee_id AND r.kind IN ('raise', 'promotion')
                        AND r.effective_date > l.end_date AND r.effective_date <= ?::date) AS raised_after,
              EXISTS (SELECT 1 FROM salary_events r WHERE r.organisation_id = l.organisation_id
                        AND r.kind IN ('raise', 'promotion')
                        AND r.effective_date BETWEEN l.start_date AND l.end_date) AS raises_during
       FROM leaves l
       WHERE l.organisation_id = ? AND l.end_date BETWEEN ?::date AND ?::date
         AND l.employee_id = ANY(?::int[])`,
      [to, org, from, to, eligible]
    )
    return {
      mode,
      employees,
      maternity: {
        returned: leaves.rows.length,
        raisedOnReturn: leaves.rows.filter((l: any) => l.raised_after).length,
        raisesDuringLeaves: leaves.rows.some((l: any) => l.raises_during),
      },
    }
  }

  async build() {
    return computeEqualityIndex(await this.input())
  }
}
