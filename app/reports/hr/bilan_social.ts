import db from '@adonisjs/lucid/services/db'
import type { Decimal } from 'decimal.js'
import { moneyOrNull, toMoney, ZERO } from '#support/money'
import { SPELLS } from '#reports/hr/register_sql'
import { Report } from '#support/report'
import { CONTRACT_TYPES, CSP_GROUPS, type ContractType } from '#vocabulary/hr'

export interface SexCount {
  F: number
  H: number
  total: number
}

export interface CountRow {
  label: string
  kind: 'row' | 'subtotal' | 'total'
  current: SexCount
  previousTotal: number
  /** (N - N-1) / N-1 as a ratio; null when N-1 is zero. */
  evolution: Decimal | null
}

export interface BilanSocial {
  year: number
  headcount: CountRow[]
  seniority: { current: SeniorityAverages; previous: SeniorityAverages }
  seniorityBands: Array<{ label: string; count: number; share: Decimal }>
  jobReferences: CountRow[]
  hires: CountRow[]
  departures: CountRow[]
  averageMonthlyHeadcount: Decimal
  ageBands: CountRow[]
  under25Hires: SexCount
  byNationality: CountRow[]
  byCategory: CountRow[]
}

export interface SeniorityAverages {
  F: Decimal | null
  H: Decimal | null
  total: Decimal | null
}

const zero = (): SexCount => ({ F: 0, H: 0, total: 0 })

function add(target: SexCount, sex: string, count: number) {
  if (sex === 'F') target.F += count
  else target.H += count
  target.total += count
}

function sum(rows: SexCount[]): SexCount {
  const result = zero()
  for (const count of rows) {
    result.F += count.F
    result.H += count.H
    result.total += count.total
  }
  return result
}

function evolution(current: number, previous: number): Decimal | null {
  return previous === 0 ? null : toMoney(current).minus(previous).div(previous)
}

function row(label: string, kind: CountRow['kind'], current: SexCount, previous: number): CountRow {
  return {
    label,
    kind,
    current,
    previousTotal: previous,
    evolution: evolution(current.total, previous),
  }
}

type Grouped = Map<string, { current: SexCount; previous: SexCount }>

function grouped(rows: Array<{ key: string; sex: string; year: number; n: string }>, year: number) {
  const map: Grouped = new Map()
  for (const r of rows) {
    const key = r.key ?? ''
    if (!map.has(key)) map.set(key, { current: zero(), previous: zero() })
    add(
      Number(r.year) === year ? map.get(key)!.current : map.get(key)!.previous,
      r.sex,
      Number(r.n)
    )
  }
  return map
}

const get = (map: Grouped, key: string) => map.get(key) ?? { current: zero(), previous: zero() }

export const SENIORITY_BANDS = [
  { label: "Moins d'un an", from: 0, to: 1 },
  { label: '1 à 3 ans', from: 1, to: 3 },
  { label: '3 à 5 ans', from: 3, to: 5 },
  { label: '5 à 10 ans', from: 5, to: 10 },
  { label: '10 à 20 ans', from: 10, to: 20 },
  { label: '20 ans et plus', from: 20, to: 1000 },
]

export const AGE_BANDS = [
  { label: 'Moins de 25 ans', from: 0, to: 25 },
  { label: '25 à 34 ans', from: 25, to: 35 },
  { label: '35 à 44 ans', from: 35, to: 45 },
  { label: '45 à 54 ans', from: 45, to: 55 },
  { label: '55 ans et plus', from: 55, to: 200 },
]

export const DEPARTURE_GROUPS = [
  { label: 'Démission', reasons: ['demission'] },
  { label: 'Rupture conventionnelle', reasons: ['rupture_conventionnelle'] },
  { label: 'Licenciement', reasons: ['licenciement'] },
  { label: 'Retraite', reasons: ['retraite'] },
  {
    label: "Autres (fin de CDD, fin de période d'essai, rupture anticipée...)",
    reasons: ['fin_cdd', 'fin_periode_essai', 'rupture_anticipee', 'deces', 'autre'],
  },
]

/**
 * The one population of every 31/12 table of the bilan social (headcount by contract, seniority,
 * emploi repère, age, nationality, socio-professional category): the contracts running on 31/12
 * of year N and of year N-1, replacement CDDs excluded (the person replaced is counted). One row
 * per contract and per day (`day`). Follows SPELLS; bind the two days (N, N-1) right after the
 * organisation id.
 */
export const YEAR_END_POPULATION = `
  at_day AS (
    SELECT s.*, d.day
    FROM s JOIN (VALUES (?::date), (?::date)) AS d(day)
      ON s.start_date <= d.day AND s.end_date >= d.day
    WHERE s.contract_type <> 'cdd_remplacement'
  )`

/**
 * Bilan social for one calendar year, computed in SQL from the register. Perimeters follow the
 * association's report: every 31/12 table breaks down YEAR_END_POPULATION (replacement CDDs
 * excluded), work-study contracts shown apart; the emploi repère table keeps its CDI and CDD.
 * Hires, departures and the average monthly headcount are flows over the year, not 31/12 tables.
 */
export default class BilanSocialReport extends Report<{ year: number }, BilanSocial> {
  private get organisationId() {
    return this.tenant.organisationId
  }

  private get year() {
    return this.params.year
  }

  private ends() {
    return [`${this.year}-12-31`, `${this.year - 1}-12-31`]
  }

  private async raw<T>(sql: string, bindings: unknown[]): Promise<T[]> {
    const result = await db.rawQuery(`WITH ${SPELLS} ${sql}`, [this.organisationId, ...bindings])
    return result.rows as T[]
  }

  /** A query over YEAR_END_POPULATION (`at_day`), the population of every 31/12 table. */
  private async atYearEnds<T>(sql: string, bindings: unknown[] = []): Promise<T[]> {
    const result = await db.rawQuery(`WITH ${SPELLS}, ${YEAR_END_POPULATION} ${sql}`, [
      this.organisationId,
      ...this.ends(),
      ...bindings,
    ])
    return result.rows as T[]
  }

  private async headcountAt() {
    return this.atYearEnds<{ key: string; sex: string; year: number; n: string }>(
      `SELECT contract_type AS key, sex, extract(year FROM day)::int AS year, count(*) AS n
       FROM at_day GROUP BY 1, 2, 3`
    )
  }

  async build(): Promise<BilanSocial> {
    const [end, previousEnd] = this.ends()
    const head = grouped(await this.headcountAt(), this.year)
    const line = (key: string, label: string) =>
      row(label, 'row', get(head, key).current, get(head, key).previous.total)
    const cdi = line('cdi', 'CDI')
    const cdd = line('cdd', 'CDD')
    const pro = line('professionnalisation', CONTRACT_TYPES.professionnalisation)
    const app = line('apprentissage', CONTRACT_TYPES.apprentissage)
    const sub1 = row(
      'Sous-total I',
      'subtotal',
      sum([cdi.current, cdd.current]),
      cdi.previousTotal + cdd.previousTotal
    )
    const sub2 = row(
      'Sous-total II',
      'subtotal',
      sum([pro.current, app.current]),
      pro.previousTotal + app.previousTotal
    )
    const total = row(
      'TOTAL',
      'total',
      sum([sub1.current, sub2.current]),
      sub1.previousTotal + sub2.previousTotal
    )

    // Seniority averages and bands (exact values; rounding is for display only).
    const averages = async (day: string): Promise<SeniorityAverages> => {
      const [r] = await this.atYearEnds<{ f: string | null; h: string | null; t: string | null }>(
        `SELECT avg(y) FILTER (WHERE sex = 'F') AS f, avg(y) FILTER (WHERE sex = 'H') AS h, avg(y) AS t
         FROM (SELECT sex, (day - spell_start) / 365.25 AS y FROM at_day WHERE day = ?::date) x`,
        [day]
      )
      const dec = (v: string | null) => moneyOrNull(v)
      return { F: dec(r.f), H: dec(r.h), total: dec(r.t) }
    }
    const bandRows = await this.atYearEnds<{ band: number; n: string }>(
      `SELECT width_bucket(y, ARRAY[1, 3, 5, 10, 20]::numeric[]) AS band, count(*) AS n
       FROM (SELECT (day - spell_start) / 365.25 AS y FROM at_day WHERE day = ?::date) x
       GROUP BY 1`,
      [end]
    )
    const bandTotal = bandRows.reduce((acc, r) => acc + Number(r.n), 0)
    const seniorityBands = SENIORITY_BANDS.map((band, index) => {
      const count = Number(bandRows.find((r) => Number(r.band) === index)?.n ?? 0)
      return {
        label: band.label,
        count,
        share: bandTotal ? toMoney(count).div(bandTotal) : ZERO,
      }
    })

    // Emploi repère: the CDI and CDD of the 31/12 population (work-study shown apart).
    const jobs = await this.atYearEnds<{ label: string; position: number; sex: string; n: string }>(
      `SELECT COALESCE(j.label, 'Non renseigné') AS label, COALESCE(j.position, 9999) AS position, s.sex, count(*) AS n
       FROM at_day s LEFT JOIN job_references j ON j.id = s.job_reference_id
       WHERE s.day = ?::date AND s.contract_type IN ('cdi', 'cdd')
       GROUP BY 1, 2, 3 ORDER BY 2, 1`,
      [end]
    )
    const jobMap = new Map<string, SexCount>()
    for (const j of jobs) {
      if (!jobMap.has(j.label)) jobMap.set(j.label, zero())
      add(jobMap.get(j.label)!, j.sex, Number(j.n))
    }
    const jobReferences = [...jobMap].map(([label, current]) => row(label, 'row', current, 0))
    jobReferences.push(row('TOTAL', 'total', sum([...jobMap.values()]), 0))

    // Hires and departures: first and last contracts of a spell, CDI and CDD only.
    const hireRows = await this.raw<{ key: string; sex: string; year: number; n: string }>(
      `SELECT contract_type AS key, sex, extract(year FROM start_date)::int AS year, count(*) AS n
       FROM s WHERE start_date = spell_start AND contract_type IN ('cdi', 'cdd')
         AND extract(year FROM start_date) IN (?, ?) GROUP BY 1, 2, 3`,
      [this.year, this.year - 1]
    )
    const hiresMap = grouped(hireRows, this.year)
    const hireLines = ['cdi', 'cdd'].map((k) =>
      row(
        CONTRACT_TYPES[k as ContractType],
        'row',
        get(hiresMap, k).current,
        get(hiresMap, k).previous.total
      )
    )
    const hires = [
      ...hireLines,
      row(
        'TOTAL',
        'total',
        sum(hireLines.map((r) => r.current)),
        hireLines.reduce((a, r) => a + r.previousTotal, 0)
      ),
    ]

    const departureRows = await this.raw<{ key: string; sex: string; year: number; n: string }>(
      `SELECT end_reason AS key, sex, extract(year FROM end_date)::int AS year, count(*) AS n
       FROM s WHERE end_date = spell_end AND contract_type IN ('cdi', 'cdd')
         AND extract(year FROM end_date) IN (?, ?) GROUP BY 1, 2, 3`,
      [this.year, this.year - 1]
    )
    const depMap = grouped(departureRows, this.year)
    const depLines = DEPARTURE_GROUPS.map((g) =>
      row(
        g.label,
        'row',
        sum(g.reasons.map((r) => get(depMap, r).current)),
        g.reasons.reduce((a, r) => a + get(depMap, r).previous.total, 0)
      )
    )
    const departures = [
      ...depLines,
      row(
        'TOTAL',
        'total',
        sum(depLines.map((r) => r.current)),
        depLines.reduce((a, r) => a + r.previousTotal, 0)
      ),
    ]

    // R2312-9 extras.
    const [monthly] = await this.raw<{ avg: string }>(
      `SELECT (count(*)::numeric / 12) AS avg FROM s
       JOIN generate_series(?::date, ?::date, interval '1 month') AS m(first)
         ON s.start_date <= (m.first + interval '1 month' - interval '1 day')::date
        AND s.end_date >= (m.first + interval '1 month' - interval '1 day')::date`,
      [`${this.year}-01-01`, `${this.year}-12-01`]
    )
    // Age at 31/12 of the same population; an unknown birth date gets its own line rather
    // than leaving the person out of the total.
    const ageRows = await this.atYearEnds<{
      band: number | null
      sex: string
      year: number
      n: string
    }>(
      `SELECT width_bucket(date_part('year', age(day, birth_date)), ARRAY[25, 35, 45, 55]::float8[]) AS band,
              sex, extract(year FROM day)::int AS year, count(*) AS n
       FROM at_day GROUP BY 1, 2, 3`
    )
    const ageMap = grouped(
      ageRows.map((r) => ({
        key: r.band === null ? 'unknown' : String(r.band),
        sex: r.sex,
        year: r.year,
        n: r.n,
      })),
      this.year
    )
    const ageLines = AGE_BANDS.map((b, i) =>
      row(b.label, 'row', get(ageMap, String(i)).current, get(ageMap, String(i)).previous.total)
    )
    if (ageMap.has('unknown')) {
      const unknown = get(ageMap, 'unknown')
      ageLines.push(
        row('Date de naissance non renseignée', 'row', unknown.current, unknown.previous.total)
      )
    }
    const ageBands = [
      ...ageLines,
      row(
        'TOTAL',
        'total',
        sum(ageLines.map((r) => r.current)),
        ageLines.reduce((a, r) => a + r.previousTotal, 0)
      ),
    ]
    const young = await this.raw<{ sex: string; n: string }>(
      `SELECT sex, count(*) AS n FROM s
       WHERE start_date = spell_start AND contract_type IN ('cdi', 'cdd')
         AND extract(year FROM start_date) = ? AND age(start_date, birth_date) < interval '25 years'
       GROUP BY 1`,
      [this.year]
    )
    const under25Hires = zero()
    for (const y of young) add(under25Hires, y.sex, Number(y.n))

    // Nationality and socio-professional category at 31/12 (the same population).
    const breakdown = async (expression: string) => {
      const rows = await this.atYearEnds<{ key: string; sex: string; year: number; n: string }>(
        `SELECT ${expression} AS key, s.sex, extract(year FROM s.day)::int AS year, count(*) AS n
         FROM at_day s JOIN employees e ON e.id = s.employee_id GROUP BY 1, 2, 3`
      )
      return grouped(rows, this.year)
    }
    const withTotal = (lines: CountRow[]) => [
      ...lines,
      row(
        'TOTAL',
        'total',
        sum(lines.map((r) => r.current)),
        lines.reduce((a, r) => a + r.previousTotal, 0)
      ),
    ]
    const nationality = await breakdown(
      `CASE WHEN lower(e.nationality) IN ('française', 'francaise', 'france') THEN 'fr' ELSE 'other' END`
    )
    const byNationality = withTotal(
      [
        ['fr', 'Nationalité française'],
        ['other', 'Autre nationalité'],
      ].map(([key, label]) =>
        row(label, 'row', get(nationality, key).current, get(nationality, key).previous.total)
      )
    )
    const categories = await breakdown(`COALESCE(s.csp, 'non renseignée')`)
    const byCategory = withTotal(
      [...Object.entries(CSP_GROUPS), ['non renseignée', 'Non renseignée']]
        .filter(([key]) => categories.has(key) || key !== 'non renseignée')
        .map(([key, label]) =>
          row(label, 'row', get(categories, key).current, get(categories, key).previous.total)
        )
    )

    return {
      year: this.year,
      byNationality,
      byCategory,
      headcount: [cdi, cdd, sub1, pro, app, sub2, total],
      seniority: { current: await averages(end), previous: await averages(previousEnd) },
      seniorityBands,
      jobReferences,
      hires,
      departures,
      averageMonthlyHeadcount: toMoney(monthly.avg),
      ageBands,
      under25Hires,
    }
  }
}
