import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Decimal } from 'decimal.js'
import { Money, toMoney, ZERO } from '#support/money'
import {
  CSP_CATEGORIES,
  CSP_GROUPS,
  PAY_COMPONENT_INDEX_RULE,
  PAY_COMPONENT_KINDS,
  PAY_COMPONENT_PLURALS,
  type EqualityIndexMode,
  type PayComponentKind,
  type Sex,
} from '#vocabulary/hr'
import { codesOf, labelOf } from '#vocabulary/labels'
import type { EqualitySizeBand } from '#vocabulary/core'
import { Report } from '#support/report'

/**
 * Index de l'égalité professionnelle (C. trav. D.1142-2 to D.1142-14, décret 2019-15; domain.md §2),
 * following the State's Egapro calculator. Two methods, chosen from the average headcount of the
 * reference period: 50 to 250 employees (four indicators, raises and promotions together) and more
 * than 250 (five indicators: raises and promotions scored apart, by CSP). Under 50 employees the
 * index is not required; indicative figures are computed with the 50–250 method.
 * `computeEqualityIndex` is the pure rule set (unit-tested on hand-computed cases);
 * `EqualityIndexReport` gathers its input from the register in SQL.
 */

export type { Sex }
export type IndexMode = EqualityIndexMode
/** '50-250': D.1142-2-1 (50 to 250 inclusive); '251+': D.1142-2 (more than 250). */
export type IndexMethod = '50-250' | '251+'
export type SizeBand = 'under-50' | IndexMethod
export type IndicatorCode =
  'pay' | 'raises_promotions' | 'raises' | 'promotions' | 'maternity' | 'top10'

export interface IndexEmployee {
  id: number
  sex: Sex
  /** Age on the last day of the period (or of presence). */
  age: number
  /** CSP code, or the branch classification level in 'level' mode. */
  category: string
  /** CSP code whatever the mode (the 251+ raise and promotion indicators go by CSP); defaults to category. */
  csp?: string
  /** Annual gross base pay, full-time equivalent, over the period (the salary history). */
  pay: Decimal
  /**
   * Pay components of the period by kind, annualised in full-time equivalent: the index adds
   * the kinds the law counts (bonuses, benefits in kind) to `pay` and leaves the others out
   * (overtime, seniority bonuses, severance...; `PAY_COMPONENT_INDEX_RULE`).
   */
  components?: Partial<Record<PayComponentKind, Decimal>>
  /** At least one individual raise, promotions included, during the period (50–250 method). */
  raised: boolean
  /** At least one individual raise that is not a promotion (251+ method); defaults to raised and not promoted. */
  individualRaise?: boolean
  /** At least one promotion during the period (251+ method). */
  promoted?: boolean
}

export interface IndexInput {
  mode: IndexMode
  employees: IndexEmployee[]
  maternity: { returned: number; raisedOnReturn: number; raisesDuringLeaves: boolean }
  /** Average headcount of the reference period: chooses the method. */
  averageHeadcount: Decimal | number
  /** The band the organisation declares in its settings, over the average headcount's. */
  declaredBand?: SizeBand | null
}

/** The organisation settings' size band (`organisations.equality_size_band`): null is 'auto'. */
const DECLARED_BANDS: Record<EqualitySizeBand, SizeBand | null> = {
  auto: null,
  under_50: 'under-50',
  from_50_to_250: '50-250',
  over_250: '251+',
}

/** Raw rows of the index's queries. */
interface IndexEmployeeRow {
  id: number
  sex: Sex
  age: string | number
  /** Typed as the IndexEmployee fields they feed (category, csp). */
  csp: string
  level: string
  pay: string
  /** Days present in the period, each weighted by the contract's working-time share. */
  fte_days: string
  individual_raise: boolean
  promoted: boolean
}
interface ComponentRow {
  employee_id: number
  kind: PayComponentKind
  amount: string
}
interface LeaveRow {
  raised_after: boolean
  raises_during: boolean
}

export const AGE_GROUPS = ['moins de 30 ans', '30 à 39 ans', '40 à 49 ans', '50 ans et plus']
export const CSP_ORDER: string[] = codesOf(CSP_CATEGORIES)
/** Pay gap (40 points), indexed by the rounded-up result. */
export const T1 = [40, 39, 38, 37, 36, 35, 34, 33, 31, 29, 27, 25, 23, 21, 19, 17, 14, 11, 8, 5, 2]
/** 50–250: raises, promotions included (35 points). */
export const T2 = [35, 35, 35, 25, 25, 25, 15, 15, 15, 15, 15]
/** 251+: individual raises, promotions excluded (20 points). */
export const T_RAISES = [20, 20, 20, 10, 10, 10, 5, 5, 5, 5, 5]
/** 251+: promotions (15 points). */
export const T_PROMOTIONS = [15, 15, 15, 10, 10, 10, 5, 5, 5, 5, 5]
/** Under this average headcount the index is not required. */
export const INDEX_REQUIRED_FROM = 50
/** Above this average headcount, the five-indicator method applies. */
export const SMALL_METHOD_UP_TO = 250

export function ageGroup(age: number) {
  return age < 30 ? 0 : age < 40 ? 1 : age < 50 ? 2 : 3
}

export function sizeBand(averageHeadcount: Decimal | number): SizeBand {
  const n = toMoney(averageHeadcount)
  return n.lessThan(INDEX_REQUIRED_FROM)
    ? 'under-50'
    : n.greaterThan(SMALL_METHOD_UP_TO)
      ? '251+'
      : '50-250'
}

const round1 = (d: Decimal) => d.toDecimalPlaces(1, Decimal.ROUND_HALF_UP)
const table = (points: number[], value: Decimal) => {
  const index = value.ceil().toNumber()
  return index < points.length ? points[index] : 0
}
/** Points of a rounded result (one decimal) in each table. */
export const payPoints = (result: Decimal) => table(T1, result)
export const raisesAndPromotionsPoints = (result: Decimal) => table(T2, result)
export const raisePoints = (result: Decimal) => table(T_RAISES, result)
export const promotionPoints = (result: Decimal) => table(T_PROMOTIONS, result)
export const maternityPoints = (returned: number, raisedOnReturn: number) =>
  returned > 0 && raisedOnReturn === returned ? 15 : 0
export const top10Points = (underRepresented: number) =>
  underRepresented <= 1 ? 0 : underRepresented <= 3 ? 5 : 10
/** The sex a signed gap (men minus women) favours, read on the ROUNDED result: 0.0 favours nobody. */
const favouredBy = (signed: Decimal, rounded: Decimal): Sex | null =>
  rounded.isZero() ? null : signed.greaterThan(0) ? 'H' : 'F'

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

/** A CSP group of the 251+ raise or promotion indicator. */
export interface RateGroup {
  csp: string
  category: string
  women: number
  men: number
  /** Women and men raised (or promoted). */
  countWomen: number
  countMen: number
  rateWomen: Decimal
  rateMen: Decimal
  /** At least 10 women and 10 men. */
  valid: boolean
  /** Men's rate minus women's, in percentage points (valid groups only). */
  gap: Decimal | null
}

export interface Indicator {
  key: number
  code: IndicatorCode
  label: string
  calculable: boolean
  reason: string | null
  max: number
  points: number
  /** The figure scored (percentage, points of percentage...) */
  result: Decimal | null
  favoured: Sex | null
  detail: IndicatorDetail
}

/** What the page and the workbook show beneath an indicator's score (fields by indicator). */
export interface IndicatorDetail {
  /** Pay gap: the age x category groups; raises or promotions (251+): the CSP groups. */
  groups?: PayGroup[] | RateGroup[]
  validHeadcount?: number
  /** Pay gap: the relevance threshold, in points. */
  threshold?: number
  /** The signed figure before rounding. */
  rawResult?: Decimal
  /** The favoured sex catches up on the pay gap: full points. */
  catchUp?: boolean
  /** Raises (50-250): headcounts, people raised, rates and gaps. */
  women?: number
  men?: number
  raisedWomen?: number
  raisedMen?: number
  rateWomen?: Decimal
  rateMen?: Decimal
  gapPoints?: Decimal
  gapCount?: Decimal
  /** Maternity: returns from leave, raised on return, raises during the leaves. */
  returned?: number
  raisedOnReturn?: number
  raisesDuringLeaves?: boolean
}

/** What the remuneration of the index included, as the page and the workbook state it. */
export interface RemunerationBasis {
  /** Kinds added to the base salary (some employee has a non-zero amount of them). */
  counted: PayComponentKind[]
  /** Kinds recorded for the period but left out by the law (overtime...). */
  excluded: PayComponentKind[]
  /** "salaire brut de base + primes + avantages en nature", or the base salary alone and why. */
  label: string
  /** The kinds left out, in a sentence, or null. */
  excludedLabel: string | null
}

export const BASE_ONLY_LABEL =
  'salaire brut de base seul : aucune prime ni aucun avantage en nature enregistré sur la période'

/** The law's remuneration of one employee: base pay plus the components it counts. */
export function remunerationOf(employee: IndexEmployee): Decimal {
  return Object.entries(employee.components ?? {}).reduce(
    (total, [kind, amount]) =>
      PAY_COMPONENT_INDEX_RULE[kind as PayComponentKind] === 'counted' && amount
        ? total.plus(amount)
        : total,
    employee.pay
  )
}

export function remunerationBasis(employees: IndexEmployee[]): RemunerationBasis {
  const present = new Set<PayComponentKind>()
  for (const e of employees) {
    for (const [kind, amount] of Object.entries(e.components ?? {})) {
      if (amount && !amount.isZero()) present.add(kind as PayComponentKind)
    }
  }
  const kinds = codesOf(PAY_COMPONENT_KINDS).filter((kind) => present.has(kind))
  const counted = kinds.filter((kind) => PAY_COMPONENT_INDEX_RULE[kind] === 'counted')
  const excluded = kinds.filter((kind) => PAY_COMPONENT_INDEX_RULE[kind] === 'excluded')
  return {
    counted,
    excluded,
    label: counted.length
      ? [PAY_COMPONENT_PLURALS.base, ...counted.map((kind) => PAY_COMPONENT_PLURALS[kind])].join(
          ' + '
        )
      : BASE_ONLY_LABEL,
    excludedLabel: excluded.length
      ? `non retenus, comme le prévoit la loi : ${excluded.map((kind) => PAY_COMPONENT_PLURALS[kind]).join(', ')}`
      : null,
  }
}

export interface EqualityIndex {
  /** What the remuneration included (base salary, bonuses, benefits in kind). */
  remuneration: RemunerationBasis
  /** Method applied (under 50 employees: the 50–250 one, figures indicative only). */
  method: IndexMethod
  band: SizeBand
  /** False under 50 employees: the index is not required, the figures are indicative. */
  required: boolean
  averageHeadcount: Decimal
  indicators: Indicator[]
  byCode: Partial<Record<IndicatorCode, Indicator>>
  points: number
  maxPoints: number
  calculable: boolean
  index: number | null
  correctiveMeasures: boolean
  progressionObjectives: boolean
  headcount: { F: number; H: number; total: number }
}

const VALID_GROUPS_REASON = (who: string) =>
  `Les ${who} couvrent moins de 40 % de l’effectif pris en compte.`

function payIndicator(employees: IndexEmployee[], mode: IndexMode): Indicator {
  const threshold = mode === 'csp' ? 5 : 2
  const groups = new Map<string, IndexEmployee[]>()
  for (const e of employees) {
    const key = `${ageGroup(e.age)}|${e.category}`
    if (!groups.has(key)) groups.set(key, [])
    groups.get(key)!.push(e)
  }
  const avg = (list: IndexEmployee[]) =>
    list.length ? list.reduce((a, e) => a.plus(e.pay), ZERO).div(list.length) : null
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
          ? Money.max(gap.minus(threshold), 0)
          : Money.min(gap.plus(threshold), 0)
      }
      return {
        ageGroup: AGE_GROUPS[Number(age)],
        category: mode === 'csp' ? labelOf(CSP_GROUPS, category) : category,
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
  const calculable = employees.length > 0 && validCount * 10 >= employees.length * 4
  const base = {
    key: 1,
    code: 'pay' as const,
    label: 'Écart de rémunération',
    max: 40,
    detail: { groups: payGroups, validHeadcount: validCount, threshold } as IndicatorDetail,
  }
  if (!calculable) {
    return {
      ...base,
      calculable: false,
      reason: VALID_GROUPS_REASON('groupes valides (au moins 3 femmes et 3 hommes)'),
      points: 0,
      result: null,
      favoured: null,
    }
  }
  const raw = payGroups
    .filter((g) => g.valid)
    .reduce((a, g) => a.plus(g.adjustedGap!.times(g.women + g.men)), ZERO)
    .div(validCount)
  const result = round1(raw.abs())
  base.detail.rawResult = raw
  return {
    ...base,
    calculable: true,
    reason: null,
    points: payPoints(result),
    result,
    favoured: favouredBy(raw, result),
  }
}

/**
 * Catch-up rule (Egapro `remunerationsCompensated`): when the pay indicator is calculable and
 * scores below its maximum, a raise or promotion gap favouring the sex it shows as lower paid
 * earns full points. A pay gap rounding to 0.0 (40/40) leaves nothing to catch up.
 */
function catchUp(pay: Indicator, favoured: Sex | null) {
  return (
    pay.calculable &&
    pay.points < pay.max &&
    pay.favoured !== null &&
    favoured !== null &&
    favoured !== pay.favoured
  )
}

/** 50–250: individual raise rates, promotions included (35 points). */
function raisesAndPromotionsIndicator(employees: IndexEmployee[], pay: Indicator): Indicator {
  const women = employees.filter((e) => e.sex === 'F')
  const men = employees.filter((e) => e.sex === 'H')
  const raisedF = women.filter((e) => e.raised).length
  const raisedM = men.filter((e) => e.raised).length
  const base = {
    key: 2,
    code: 'raises_promotions' as const,
    label: 'Écart de taux d’augmentations individuelles',
    max: 35,
  }
  const detail = {
    women: women.length,
    men: men.length,
    raisedWomen: raisedF,
    raisedMen: raisedM,
  }
  if (women.length < 5 || men.length < 5 || raisedF + raisedM === 0) {
    return {
      ...base,
      calculable: false,
      reason:
        women.length < 5 || men.length < 5
          ? 'Moins de 5 femmes ou moins de 5 hommes.'
          : 'Aucune augmentation individuelle sur la période.',
      points: 0,
      result: null,
      favoured: null,
      detail,
    }
  }
  const rF = toMoney(raisedF).div(women.length)
  const rM = toMoney(raisedM).div(men.length)
  const diff = rM.minus(rF)
  const gapPoints = round1(diff.abs().times(100))
  const gapCount = round1(diff.abs().times(Math.min(women.length, men.length)))
  const favoured = favouredBy(diff, gapPoints)
  const caughtUp = catchUp(pay, favoured)
  return {
    ...base,
    calculable: true,
    reason: null,
    points: caughtUp
      ? base.max
      : Math.max(raisesAndPromotionsPoints(gapPoints), raisesAndPromotionsPoints(gapCount)),
    result: gapPoints,
    favoured,
    detail: { ...detail, rateWomen: rF, rateMen: rM, gapPoints, gapCount, catchUp: caughtUp },
  }
}

/**
 * 251+: raise (promotions excluded) or promotion rates by CSP. Groups count with at least 10 women
 * and 10 men, and must cover 40 % of the headcount; gap = men's rate − women's rate in points,
 * weighted by the groups' headcount; no pertinence threshold.
 */
function rateIndicator(
  employees: IndexEmployee[],
  pay: Indicator,
  code: 'raises' | 'promotions'
): Indicator {
  const isRaises = code === 'raises'
  const counts = (e: IndexEmployee) =>
    isRaises ? (e.individualRaise ?? (e.raised && !e.promoted)) : e.promoted === true
  const byCsp = new Map<string, IndexEmployee[]>()
  for (const e of employees) {
    const csp = e.csp ?? e.category
    if (!byCsp.has(csp)) byCsp.set(csp, [])
    byCsp.get(csp)!.push(e)
  }
  const rank = (csp: string) => (CSP_ORDER.includes(csp) ? CSP_ORDER.indexOf(csp) : 99)
  const groups: RateGroup[] = [...byCsp.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([csp, list]) => {
      const f = list.filter((e) => e.sex === 'F')
      const m = list.filter((e) => e.sex === 'H')
      const countWomen = f.filter(counts).length
      const countMen = m.filter(counts).length
      const rateWomen = f.length ? toMoney(countWomen).div(f.length).times(100) : ZERO
      const rateMen = m.length ? toMoney(countMen).div(m.length).times(100) : ZERO
      const valid = f.length >= 10 && m.length >= 10
      return {
        csp,
        category: labelOf(CSP_GROUPS, csp),
        women: f.length,
        men: m.length,
        countWomen,
        countMen,
        rateWomen,
        rateMen,
        valid,
        gap: valid ? rateMen.minus(rateWomen) : null,
      }
    })
  const validCount = groups.filter((g) => g.valid).reduce((a, g) => a + g.women + g.men, 0)
  const any = employees.some(counts)
  const base = {
    key: isRaises ? 2 : 3,
    code,
    label: isRaises
      ? 'Écart de taux d’augmentations individuelles (hors promotions)'
      : 'Écart de taux de promotions',
    max: isRaises ? 20 : 15,
  }
  const detail: IndicatorDetail = { groups, validHeadcount: validCount }
  const calculable = any && employees.length > 0 && validCount * 10 >= employees.length * 4
  if (!calculable) {
    return {
      ...base,
      calculable: false,
      reason: !any
        ? isRaises
          ? 'Aucune augmentation individuelle (hors promotions) sur la période.'
          : 'Aucune promotion sur la période.'
        : VALID_GROUPS_REASON('CSP retenues (au moins 10 femmes et 10 hommes)'),
      points: 0,
      result: null,
      favoured: null,
      detail: { ...detail, catchUp: false },
    }
  }
  const raw = groups
    .filter((g) => g.valid)
    .reduce((a, g) => a.plus(g.gap!.times(g.women + g.men)), ZERO)
    .div(validCount)
  const result = round1(raw.abs())
  const favoured = favouredBy(raw, result)
  const caughtUp = catchUp(pay, favoured)
  return {
    ...base,
    calculable: true,
    reason: null,
    points: caughtUp ? base.max : isRaises ? raisePoints(result) : promotionPoints(result),
    result,
    favoured,
    detail: { ...detail, rawResult: raw, catchUp: caughtUp },
  }
}

export function computeEqualityIndex(input: IndexInput): EqualityIndex {
  const { mode } = input
  // Remuneration as the law defines it (L3221-3): base pay plus the components it counts.
  const employees = input.employees.map((e) => ({ ...e, pay: remunerationOf(e) }))
  const women = employees.filter((e) => e.sex === 'F')
  const men = employees.filter((e) => e.sex === 'H')
  const averageHeadcount = toMoney(input.averageHeadcount)
  const band = input.declaredBand ?? sizeBand(averageHeadcount)
  const method: IndexMethod = band === '251+' ? '251+' : '50-250'
  const required = band !== 'under-50'

  const pay = payIndicator(employees, mode)
  const middle =
    method === '251+'
      ? [rateIndicator(employees, pay, 'raises'), rateIndicator(employees, pay, 'promotions')]
      : [raisesAndPromotionsIndicator(employees, pay)]

  // Raises on return from maternity or adoption leave.
  const { returned, raisedOnReturn, raisesDuringLeaves } = input.maternity
  const maternityCalculable = returned > 0 && raisesDuringLeaves
  const maternity: Indicator = {
    key: middle.length + 2,
    code: 'maternity',
    label: 'Augmentations au retour de congé maternité',
    calculable: maternityCalculable,
    reason:
      returned === 0
        ? 'Aucun retour de congé maternité ou d’adoption.'
        : !raisesDuringLeaves
          ? 'Aucune augmentation pendant les congés.'
          : null,
    max: 15,
    points: maternityCalculable ? maternityPoints(returned, raisedOnReturn) : 0,
    result: maternityCalculable ? toMoney(raisedOnReturn).div(returned).times(100) : null,
    favoured: null,
    detail: { returned, raisedOnReturn, raisesDuringLeaves },
  }

  // Under-represented sex among the ten highest paid.
  const top = [...employees].sort((a, b) => b.pay.comparedTo(a.pay) || a.id - b.id).slice(0, 10)
  const topWomen = top.filter((e) => e.sex === 'F').length
  const topMen = top.length - topWomen
  const under = Math.min(topWomen, topMen)
  const top10: Indicator = {
    key: middle.length + 3,
    code: 'top10',
    label: 'Sexe sous-représenté parmi les 10 plus hautes rémunérations',
    calculable: true,
    reason: null,
    max: 10,
    points: top10Points(under),
    result: toMoney(under),
    favoured: topWomen === topMen ? null : topWomen < topMen ? 'H' : 'F',
    detail: { women: topWomen, men: topMen },
  }

  const indicators = [pay, ...middle, maternity, top10]
  const counted = indicators.filter((i) => i.calculable)
  const points = counted.reduce((a, i) => a + i.points, 0)
  const maxPoints = counted.reduce((a, i) => a + i.max, 0)
  const calculable = maxPoints >= 75
  const index = calculable
    ? toMoney(points).div(maxPoints).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
    : null
  return {
    remuneration: remunerationBasis(input.employees),
    method,
    band,
    required,
    averageHeadcount,
    indicators,
    byCode: Object.fromEntries(indicators.map((i) => [i.code, i])),
    points,
    maxPoints,
    calculable,
    index,
    // Obligations attach to a required index only.
    correctiveMeasures: required && index !== null && index < 75,
    progressionObjectives: required && index !== null && index < 85,
    headcount: { F: women.length, H: men.length, total: employees.length },
  }
}

/**
 * The contracts the index counts over a period (`ct`; bind the period's last then first day):
 * live, apprentices and professionalisation contracts excluded, overlapping the period. No such
 * contract means no counted employee, hence an index that is not calculable (the network's
 * figures skip those organisations on this ground).
 */
export const INDEX_CONTRACTS = `ct.superseded_at IS NULL
  AND ct.contract_type NOT IN ('apprentissage', 'professionnalisation')
  AND ct.start_date <= ?::date AND COALESCE(ct.end_date, DATE '9999-12-31') >= ?::date`

/** A 12-month reference period, as ISO dates. */
export interface IndexPeriod {
  from: string
  to: string
}

/**
 * Gathers the index inputs of several organisations from their registers for a 12-month period,
 * each input in one query over `organisation_id = ANY (…)` grouped by organisation: the same
 * SQL whether it runs for one organisation (its HR pages) or for a network's members. Each
 * employee's pay is the mean of the daily rates over the days present, computed from the rates'
 * periods rather than a row per day (the same numeric division as avg()). An organisation
 * without anything counted gets an input without employees.
 */
async function indexInputs(ids: number[], period: IndexPeriod): Promise<Map<number, IndexInput>> {
  const { from, to } = period
  const [settings, organisations, result, headcounts] = await Promise.all([
    db
      .from('hr_settings')
      .whereRaw('organisation_id = ANY(?::int[])', [ids])
      .select('organisation_id', 'equality_index_mode') as Promise<
      Array<{ organisation_id: number; equality_index_mode: string | null }>
    >,
    db
      .from('organisations')
      .whereRaw('id = ANY(?::int[])', [ids])
      .select('id', 'equality_size_band') as Promise<
      Array<{ id: number; equality_size_band: string | null }>
    >,
    db.rawQuery(
      `WITH pres AS (
         SELECT ct.organisation_id, ct.employee_id, ct.part_time_share AS share,
                greatest(ct.start_date, ?::date) AS s,
                least(COALESCE(ct.end_date, DATE '9999-12-31'), ?::date) AS e
         FROM contracts ct
         WHERE ct.organisation_id = ANY(?::int[]) AND ${INDEX_CONTRACTS}
       ),
       -- Each pay rate from its date to the day before the next one (the later id of a day
       -- wins): the rate of every day, without a row per day.
       rates AS (
         SELECT se.organisation_id, se.employee_id, se.gross_annual_fte AS rate, se.effective_date AS s,
                COALESCE(lead(se.effective_date) OVER (PARTITION BY se.organisation_id, se.employee_id
                                                       ORDER BY se.effective_date, se.id) - 1,
                         DATE '9999-12-31') AS e
         FROM salary_events se
         WHERE se.organisation_id = ANY(?::int[]) AND se.effective_date <= ?::date
       ),
       -- The mean of the daily rates over the days present that have one: the sum of each
       -- rate times its days, over those days (numeric, as avg() divides).
       paid AS (
         SELECT p.organisation_id, p.employee_id,
                sum(r.rate * (least(p.e, r.e) - greatest(p.s, r.s) + 1))
                  / sum(least(p.e, r.e) - greatest(p.s, r.s) + 1)::numeric AS pay
         FROM pres p
         JOIN rates r ON r.organisation_id = p.organisation_id AND r.employee_id = p.employee_id
          AND r.e >= r.s AND r.s <= p.e AND r.e >= p.s
         GROUP BY 1, 2
       ),
       leave_days AS (
         SELECT l.organisation_id, l.employee_id, count(*) AS n
         FROM leaves l, generate_series(greatest(l.start_date, ?::date), least(l.end_date, ?::date), interval '1 day') d
         WHERE l.organisation_id = ANY(?::int[]) GROUP BY 1, 2
       ),
       agg AS (
         SELECT p.organisation_id, p.employee_id, sum(p.e - p.s + 1) AS present, paid.pay,
                max(p.e) AS last_day, sum((p.e - p.s + 1) * p.share) AS fte_days
         FROM pres p
         LEFT JOIN paid ON paid.organisation_id = p.organisation_id AND paid.employee_id = p.employee_id
         GROUP BY 1, 2, paid.pay
       )
       SELECT agg.organisation_id, e.id, e.sex,
              date_part('year', age(agg.last_day, e.birth_date))::int AS age, agg.pay,
              agg.fte_days::text AS fte_days,
              COALESCE(c.csp, 'employe') AS csp, COALESCE(c.classification_level, 'non classé') AS level,
              EXISTS (SELECT 1 FROM salary_events r WHERE r.organisation_id = agg.organisation_id AND r.employee_id = e.id
                        AND r.kind = 'raise' AND r.effective_date BETWEEN ?::date AND ?::date) AS individual_raise,
              EXISTS (SELECT 1 FROM salary_events r WHERE r.organisation_id = agg.organisation_id AND r.employee_id = e.id
                        AND r.kind = 'promotion' AND r.effective_date BETWEEN ?::date AND ?::date) AS promoted
       FROM agg JOIN employees e ON e.organisation_id = agg.organisation_id AND e.id = agg.employee_id
       LEFT JOIN leave_days ld ON ld.organisation_id = agg.organisation_id AND ld.employee_id = e.id
       JOIN contracts c ON c.organisation_id = agg.organisation_id AND c.employee_id = e.id
         AND c.superseded_at IS NULL
         AND c.start_date <= agg.last_day AND COALESCE(c.end_date, DATE '9999-12-31') >= agg.last_day
       WHERE agg.present * 2 >= (?::date - ?::date + 1)
         AND COALESCE(ld.n, 0) * 2 <= (?::date - ?::date + 1)
         AND agg.pay IS NOT NULL
       ORDER BY agg.organisation_id, e.id`,
      [from, to, ids, to, from, ids, to, from, to, ids, from, to, from, to, to, from, to, from]
    ),
    // Average headcount of the period (chooses the method): people under contract each day,
    // apprentices and professionalisation contracts excluded (C. trav. L1111-3), averaged.
    db.rawQuery(
      `SELECT o.id AS organisation_id,
              COALESCE(sum(least(COALESCE(ct.end_date, DATE '9999-12-31'), ?::date)
                           - greatest(ct.start_date, ?::date) + 1), 0) AS days,
              (?::date - ?::date + 1) AS period
       FROM unnest(?::int[]) AS o(id)
       LEFT JOIN contracts ct ON ct.organisation_id = o.id AND ${INDEX_CONTRACTS}
       GROUP BY o.id`,
      [to, from, to, from, ids, to, from]
    ),
  ])
  const rows = result.rows as Array<IndexEmployeeRow & { organisation_id: number }>
  const eligible = rows.map((r) => r.id)
  const [components, leaves] = await Promise.all([
    indexComponents(ids, period, rows),
    db.rawQuery(
      `SELECT l.organisation_id, l.employee_id, l.start_date, l.end_date,
              EXISTS (SELECT 1 FROM salary_events r WHERE r.organisation_id = l.organisation_id
                        AND r.employee_id = l.employee_id AND r.kind IN ('raise', 'promotion')
                        AND r.effective_date > l.end_date AND r.effective_date <= ?::date) AS raised_after,
              EXISTS (SELECT 1 FROM salary_events r WHERE r.organisation_id = l.organisation_id
                        AND r.kind IN ('raise', 'promotion')
                        AND r.effective_date BETWEEN l.start_date AND l.end_date) AS raises_during
       FROM leaves l
       WHERE l.organisation_id = ANY(?::int[]) AND l.end_date BETWEEN ?::date AND ?::date
         AND l.employee_id = ANY(?::int[])`,
      [to, ids, from, to, eligible]
    ),
  ])
  const modes = new Map(settings.map((row) => [row.organisation_id, row.equality_index_mode]))
  const bands = new Map(organisations.map((row) => [row.id, row.equality_size_band]))
  const averages = new Map(
    (headcounts.rows as Array<{ organisation_id: number; days: string; period: number }>).map(
      (row) => [row.organisation_id, toMoney(row.days).div(row.period)]
    )
  )
  const inputs = new Map<number, IndexInput>()
  for (const org of ids) {
    const mode: IndexMode = modes.get(org) === 'level' ? 'level' : 'csp'
    const employees: IndexEmployee[] = rows
      .filter((r) => r.organisation_id === org)
      .map((r) => ({
        id: r.id,
        sex: r.sex,
        age: Number(r.age),
        category: mode === 'csp' ? r.csp : r.level,
        csp: r.csp,
        pay: toMoney(r.pay),
        ...(components.has(r.id) ? { components: components.get(r.id) } : {}),
        raised: r.individual_raise || r.promoted,
        individualRaise: r.individual_raise,
        promoted: r.promoted,
      }))
    const returns = (leaves.rows as Array<LeaveRow & { organisation_id: number }>).filter(
      (l) => l.organisation_id === org
    )
    inputs.set(org, {
      mode,
      employees,
      averageHeadcount: averages.get(org) ?? ZERO,
      declaredBand: DECLARED_BANDS[bands.get(org) as EqualitySizeBand] ?? null,
      maternity: {
        returned: returns.length,
        raisedOnReturn: returns.filter((l) => l.raised_after).length,
        raisesDuringLeaves: returns.some((l) => l.raises_during),
      },
    })
  }
  return inputs
}

/**
 * Pay components of the counted employees, by kind, annualised in full-time equivalent: each
 * live component counts for the share of its own period that falls in the reference period
 * (summed in SQL), then the employee's sum is scaled by period days / days present weighted
 * by working time (a half-time employee present all year: x 2).
 */
async function indexComponents(ids: number[], period: IndexPeriod, rows: IndexEmployeeRow[]) {
  const { from, to } = period
  const result = await db.rawQuery(
    `SELECT pc.employee_id, pc.kind,
            sum(pc.amount * (least(pc.period_end, ?::date) - greatest(pc.period_start, ?::date) + 1)
                / (pc.period_end - pc.period_start + 1))::text AS amount
       FROM pay_components pc
      WHERE pc.organisation_id = ANY(?::int[]) AND pc.cancelled_at IS NULL
        AND pc.period_start <= ?::date AND pc.period_end >= ?::date
        AND pc.employee_id = ANY(?::int[])
      GROUP BY 1, 2`,
    [to, from, ids, to, from, rows.map((r) => r.id)]
  )
  const periodDays = toMoney(DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days + 1)
  const fteDays = new Map(rows.map((r) => [r.id, toMoney(r.fte_days)]))
  const byEmployee = new Map<number, Partial<Record<PayComponentKind, Decimal>>>()
  for (const row of result.rows as ComponentRow[]) {
    const days = fteDays.get(row.employee_id)!
    const list = byEmployee.get(row.employee_id) ?? {}
    list[row.kind] = toMoney(row.amount).times(periodDays).div(days)
    byEmployee.set(row.employee_id, list)
  }
  return byEmployee
}

/**
 * The index of several organisations for one period, by organisation (a network's members):
 * their inputs gathered together (`indexInputs`), each scored alone by `computeEqualityIndex`.
 */
export class EqualityIndexes extends Report<
  IndexPeriod & { organisationIds: number[] },
  Map<number, EqualityIndex>
> {
  async build() {
    const { organisationIds, from, to } = this.params
    const inputs = await indexInputs(organisationIds, { from, to })
    return new Map([...inputs].map(([org, input]) => [org, computeEqualityIndex(input)]))
  }
}

/** The acting organisation's index for a 12-month period, from its register. */
export default class EqualityIndexReport extends Report<IndexPeriod, EqualityIndex> {
  async build() {
    const org = this.tenant.organisationId
    const inputs = await indexInputs([org], this.params)
    return computeEqualityIndex(inputs.get(org)!)
  }
}
