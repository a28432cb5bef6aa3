import db from '@adonisjs/lucid/services/db'
import type { Decimal } from 'decimal.js'
import { moneyOrZero, ZERO } from '#support/money'
import {
  TRAINING_COST_GROUPS,
  TRAINING_FUNDERS,
  TRAINING_FUNDING_MODES,
  type Sex,
} from '#vocabulary/hr'
import { Report } from '#support/report'

export interface DaysRow {
  label: string
  F: Decimal
  H: Decimal
  total: Decimal
  previousTotal: Decimal | null
}

export interface TrainingReport {
  year: number
  daysByContract: DaysRow[]
  daysByJob: DaysRow[]
  trainedByAge: Array<{ label: string; F: number; H: number; total: number; previousTotal: number }>
  costs: Array<{ kind: string; label: string; amount: Decimal }>
  costGroups: { pedagogique: Decimal; annexes: Decimal; salaire: Decimal; total: Decimal }
  refunds: Array<{ mode: string; label: string; expected: Decimal; received: Decimal }>
  refundsTotal: Decimal
  /** Each financing request of the year (requested or received that year), not cancelled. */
  requests: RefundRequest[]
  requestsTotal: { requested: Decimal; received: Decimal; outstanding: Decimal }
}

export interface RefundRequest {
  id: number
  action: string
  funder: string
  mode: string | null
  requestedOn: string
  requested: Decimal
  receivedOn: string | null
  received: Decimal
  /** Requested minus received: still due (negative when more was received). */
  outstanding: Decimal
}

const CONTRACT_GROUPS = [
  { label: 'CDI', types: ['cdi'] },
  { label: 'CDD', types: ['cdd', 'cdd_remplacement'] },
  { label: 'CDD alternance', types: ['apprentissage', 'professionnalisation'] },
]
export const TRAINING_AGE_BANDS = [
  '0 - 25 ans',
  '25 - 35 ans',
  '36 - 45 ans',
  '46 - 55 ans',
  '55 ans et +',
]

const d = (v: string | null | undefined) => moneyOrZero(v)

/**
 * Training figures of one year, from sessions, participants, cost and financing lines. The
 * contract and emploi repère of a participant are those of the contract running on the first
 * day of the session; ages are on 31/12 (bands: up to 25, 26-35, 36-45, 46-55, 56 and over).
 */
export default class TrainingReportBuilder extends Report<{ year: number }, TrainingReport> {
  private get organisationId() {
    return this.tenant.organisationId
  }

  private get year() {
    return this.params.year
  }

  private participants = `
    SELECT tp.employee_id, tp.days, e.sex, e.birth_date, extract(year FROM ts.start_date)::int AS year,
           c.contract_type, j.label AS job, j.position
    FROM training_participants tp
    JOIN training_sessions ts ON ts.id = tp.training_session_id AND ts.cancelled_at IS NULL
    JOIN training_actions ta ON ta.id = ts.training_action_id AND ta.cancelled_at IS NULL
    JOIN employees e ON e.id = tp.employee_id
    LEFT JOIN contracts c ON c.employee_id = tp.employee_id AND c.superseded_at IS NULL
      AND c.start_date <= ts.start_date AND COALESCE(c.end_date, DATE '9999-12-31') >= ts.start_date
    LEFT JOIN job_references j ON j.id = c.job_reference_id
    WHERE tp.organisation_id = ? AND tp.cancelled_at IS NULL
      AND extract(year FROM ts.start_date) IN (?, ?)`

  async build(): Promise<TrainingReport> {
    const org = this.organisationId
    const y = this.year
    const base = [org, y, y - 1]
    const byContract = await db.rawQuery(
      `SELECT contract_type AS key, sex, year, sum(days) AS days FROM (${this.participants}) p GROUP BY 1, 2, 3`,
      base
    )
    const daysByContract: DaysRow[] = CONTRACT_GROUPS.map((g) => {
      const rows = (byContract.rows as ParticipantDays[]).filter((r) => g.types.includes(r.key))
      const sum = (filter: (r: ParticipantDays) => boolean) =>
        rows.filter(filter).reduce((a: Decimal, r) => a.plus(r.days), ZERO)
      const F = sum((r) => r.year === y && r.sex === 'F')
      const H = sum((r) => r.year === y && r.sex === 'H')
      return { label: g.label, F, H, total: F.plus(H), previousTotal: sum((r) => r.year === y - 1) }
    })
    daysByContract.push(totalRow(daysByContract))

    const byJob = await db.rawQuery(
      `SELECT COALESCE(job, 'Non renseigné') AS label, COALESCE(position, 9999) AS position, sex, sum(days) AS days
       FROM (${this.participants}) p WHERE year = ? GROUP BY 1, 2, 3 ORDER BY 2, 1`,
      [...base, y]
    )
    const jobs = new Map<string, DaysRow>()
    for (const r of byJob.rows) {
      if (!jobs.has(r.label))
        jobs.set(r.label, {
          label: r.label,
          F: ZERO,
          H: ZERO,
          total: ZERO,
          previousTotal: null,
        })
      const row = jobs.get(r.label)!
      row[r.sex as Sex] = row[r.sex as Sex].plus(r.days)
      row.total = row.total.plus(r.days)
    }
    const daysByJob = [...jobs.values()]
    daysByJob.push(totalRow(daysByJob))

    const ages = await db.rawQuery(
      `SELECT width_bucket(date_part('year', age(make_date(year, 12, 31), birth_date)), ARRAY[26, 36, 46, 56]::float8[]) AS band,
              sex, year, count(DISTINCT employee_id) AS n
       FROM (${this.participants}) p GROUP BY 1, 2, 3`,
      base
    )
    const trainedByAge = TRAINING_AGE_BANDS.map((label, band) => {
      const count = (f: (r: AgeBandCount) => boolean) =>
        (ages.rows as AgeBandCount[])
          .filter((r) => r.band === band && f(r))
          .reduce((a: number, r) => a + Number(r.n), 0)
      const F = count((r) => r.year === y && r.sex === 'F')
      const H = count((r) => r.year === y && r.sex === 'H')
      return { label, F, H, total: F + H, previousTotal: count((r) => r.year === y - 1) }
    })
    trainedByAge.push({
      label: 'TOTAL',
      F: trainedByAge.reduce((a, r) => a + r.F, 0),
      H: trainedByAge.reduce((a, r) => a + r.H, 0),
      total: trainedByAge.reduce((a, r) => a + r.total, 0),
      previousTotal: trainedByAge.reduce((a, r) => a + r.previousTotal, 0),
    })

    const costRows = await db.rawQuery(
      `SELECT cl.kind, sum(cl.amount) AS amount FROM training_cost_lines cl
       JOIN training_actions ta ON ta.id = cl.training_action_id AND ta.cancelled_at IS NULL
       LEFT JOIN training_sessions ts ON ts.id = cl.training_session_id
       WHERE cl.organisation_id = ? AND ts.cancelled_at IS NULL
         AND cl.incurred_on BETWEEN make_date(?, 1, 1) AND make_date(?, 12, 31) GROUP BY 1`,
      [org, y, y]
    )
    const costs = Object.entries(TRAINING_COST_GROUPS).map(([kind, label]) => ({
      kind,
      label,
      amount: d(
        (costRows.rows as Array<{ kind: string; amount: string }>).find((r) => r.kind === kind)
          ?.amount
      ),
    }))
    const amount = (kind: string) => costs.find((c) => c.kind === kind)!.amount
    const annexes = amount('transport').plus(amount('hebergement')).plus(amount('repas'))
    const costGroups = {
      pedagogique: amount('pedagogique'),
      annexes,
      salaire: amount('salaire'),
      total: amount('pedagogique').plus(annexes).plus(amount('salaire')),
    }

    const refundRows = await db.rawQuery(
      `SELECT mode, sum(amount_expected) AS expected,
              sum(amount_received) FILTER (WHERE received_on BETWEEN make_date(?, 1, 1) AND make_date(?, 12, 31)) AS received
       FROM training_financing_lines f
       WHERE organisation_id = ? AND funder = 'uniformation' AND cancelled_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM training_actions ta
                          WHERE ta.id = f.training_action_id AND ta.cancelled_at IS NOT NULL)
         AND (extract(year FROM requested_on) = ? OR extract(year FROM received_on) = ?)
       GROUP BY 1`,
      [y, y, org, y, y]
    )
    const requestRows = await db.rawQuery(
      `SELECT f.id, ta.title AS action, f.funder, f.mode, f.requested_on, f.amount_expected,
              f.received_on, f.amount_received, f.amount_expected - f.amount_received AS outstanding
       FROM training_financing_lines f
       JOIN training_actions ta ON ta.id = f.training_action_id AND ta.cancelled_at IS NULL
       WHERE f.organisation_id = ? AND f.cancelled_at IS NULL
         AND (extract(year FROM f.requested_on) = ? OR extract(year FROM f.received_on) = ?)
       ORDER BY f.requested_on, f.id`,
      [org, y, y]
    )
    const requests: RefundRequest[] = (requestRows.rows as RequestRow[]).map((r) => ({
      id: r.id,
      action: r.action,
      funder: TRAINING_FUNDERS[r.funder as keyof typeof TRAINING_FUNDERS] ?? r.funder,
      mode: r.mode
        ? (TRAINING_FUNDING_MODES[r.mode as keyof typeof TRAINING_FUNDING_MODES] ?? r.mode)
        : null,
      requestedOn: r.requested_on,
      requested: d(r.amount_expected),
      receivedOn: r.received_on,
      received: d(r.amount_received),
      outstanding: d(r.outstanding),
    }))
    const requestsTotal = {
      requested: requests.reduce((a, r) => a.plus(r.requested), ZERO),
      received: requests.reduce((a, r) => a.plus(r.received), ZERO),
      outstanding: requests.reduce((a, r) => a.plus(r.outstanding), ZERO),
    }
    const refunds = Object.entries(TRAINING_FUNDING_MODES).map(([mode, label]) => {
      const r = (refundRows.rows as RefundSum[]).find((x) => x.mode === mode)
      return { mode, label, expected: d(r?.expected), received: d(r?.received) }
    })
    return {
      year: y,
      daysByContract,
      daysByJob,
      trainedByAge,
      costs,
      costGroups,
      refunds,
      refundsTotal: refunds.reduce((a, r) => a.plus(r.received), ZERO),
      requests,
      requestsTotal,
    }
  }
}

/** Raw rows of the report's queries (numeric sums come back as text). */
interface ParticipantDays {
  key: string
  sex: string
  year: number
  days: string
}
interface AgeBandCount {
  band: number
  sex: string
  year: number
  n: string
}
interface RequestRow {
  id: number
  action: string
  funder: string
  mode: string | null
  requested_on: string
  amount_expected: string
  received_on: string | null
  amount_received: string
  outstanding: string
}
interface RefundSum {
  mode: string
  expected: string | null
  received: string | null
}

function totalRow(rows: DaysRow[]): DaysRow {
  const sum = (k: 'F' | 'H' | 'total') => rows.reduce((a, r) => a.plus(r[k]), ZERO)
  const previous = rows.every((r) => r.previousTotal === null)
    ? null
    : rows.reduce((a, r) => a.plus(r.previousTotal ?? 0), ZERO)
  return { label: 'TOTAL', F: sum('F'), H: sum('H'), total: sum('total'), previousTotal: previous }
}
