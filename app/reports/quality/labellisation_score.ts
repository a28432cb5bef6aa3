import db from '@adonisjs/lucid/services/db'
import type { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import { DateTime } from 'luxon'
import Referential from '#models/quality/referential'
import { Report } from '#support/report'

export interface ScoreCounts {
  total: number
  notApplicable: number
  validated: number
  /** Applicable criteria not validated yet whose due date falls on or before the deadline. */
  dueByDeadline: number
}

export interface ScoreLine extends ScoreCounts {
  applicable: number
  /** validated / applicable; null when nothing is applicable. */
  ratio: Decimal | null
  reached: boolean
  /** How many more validations reach the threshold (0 once reached). */
  gap: number
  /** Expected ratio at the deadline if every criterion due before it is validated on time. */
  projectedRatio: Decimal | null
  projectedReached: boolean
}

export interface ThemeScore extends ScoreLine {
  themeId: number
  name: string
}

export interface CriterionAlert {
  criterionId: number
  code: string
  title: string
  theme: string
  status: string
  dueDate: DateTime | null
  ownerName: string | null
}

export interface Edition {
  id: number
  label: string
  isCurrent: boolean
  isDemo: boolean
}

export interface Score {
  referential: {
    id: number
    name: string
    edition: number
    isDemo: boolean
    isCurrent: boolean
    thresholdPercent: Decimal
    deadline: DateTime | null
  }
  /** Every edition of the organisation's referentials, by name then newest first. */
  editions: Edition[]
  asOf: DateTime
  threshold: Decimal
  themes: ThemeScore[]
  overall: ScoreLine
  late: CriterionAlert[]
  unowned: CriterionAlert[]
}

/**
 * Score of a set of criteria against a threshold given in percent: validated over applicable
 * (not-applicable criteria leave the denominator), the gap to the threshold and the
 * projection at the deadline. Pure, so hand-made cases can test it.
 */
export function scoreLine(counts: ScoreCounts, thresholdPercent: Decimal | number): ScoreLine {
  const threshold = toMoney(thresholdPercent).div(100)
  const applicable = counts.total - counts.notApplicable
  const needed = threshold.times(applicable).ceil().toNumber()
  const ratio = applicable > 0 ? toMoney(counts.validated).div(applicable) : null
  const projected = counts.validated + counts.dueByDeadline
  const projectedRatio = applicable > 0 ? toMoney(projected).div(applicable) : null
  return {
    ...counts,
    applicable,
    ratio,
    reached: applicable > 0 && counts.validated >= needed,
    gap: Math.max(0, needed - counts.validated),
    projectedRatio,
    projectedReached: applicable > 0 && projected >= needed,
  }
}

function sumCounts(lines: ScoreCounts[]): ScoreCounts {
  return lines.reduce(
    (sum, line) => ({
      total: sum.total + line.total,
      notApplicable: sum.notApplicable + line.notApplicable,
      validated: sum.validated + line.validated,
      dueByDeadline: sum.dueByDeadline + line.dueByDeadline,
    }),
    { total: 0, notApplicable: 0, validated: 0, dueByDeadline: 0 }
  )
}

/**
 * The criteria of the themes `t` with their assessment `a`, `org` being the organisation's id as
 * SQL (a binding or a column): what the score counts, shared with the network's figures.
 */
export const themeCriteria = (org: string) =>
  `LEFT JOIN criteria c ON c.theme_id = t.id AND c.organisation_id = ${org}
     LEFT JOIN criterion_assessments a ON a.criterion_id = c.id AND a.organisation_id = ${org}`

/** The counts of `scoreLine` but the due ones, over `themeCriteria`. */
export const CRITERIA_COUNTS = `count(c.id)::int AS total,
        count(c.id) FILTER (WHERE a.status = 'not_applicable')::int AS not_applicable,
        count(c.id) FILTER (WHERE a.status = 'validated')::int AS validated`

const ALERT_COLUMNS = `c.id AS criterion_id, c.code, c.title, t.name AS theme, a.status,
  to_char(a.due_date, 'YYYY-MM-DD') AS due_date, u.full_name AS owner_name`

interface AlertRecord {
  criterion_id: number
  code: string
  title: string
  theme: string
  status: string
  due_date: string | null
  owner_name: string | null
}

interface ThemeRecord {
  id: number
  name: string
  position: number
  total: number
  not_applicable: number
  validated: number
  due_by_deadline: number
}

function toAlert(row: AlertRecord): CriterionAlert {
  return {
    criterionId: row.criterion_id,
    code: row.code,
    title: row.title,
    theme: row.theme,
    status: row.status,
    dueDate: row.due_date ? DateTime.fromISO(row.due_date) : null,
    ownerName: row.owner_name,
  }
}

export interface ScoreParams {
  /** The edition to score; the current one by default. */
  referentialId?: number
  /** The day the score is taken (today by default). */
  today?: DateTime
}

/**
 * The live score of one referential (the current one by default) of an organisation,
 * counted in SQL per theme; null when there is no such referential.
 */
export class LabellisationScore extends Report<ScoreParams, Score | null> {
  build() {
    return score(this.tenant.organisationId, this.params)
  }
}

async function score(organisationId: number, options: ScoreParams): Promise<Score | null> {
  const query = db
    .from('referentials')
    .where('organisation_id', organisationId)
    .select('id', 'name', 'edition', 'is_demo', 'is_current', 'threshold_percent')
    .select(db.raw(`to_char(deadline, 'YYYY-MM-DD') AS deadline`))
  if (options.referentialId) query.where('id', options.referentialId)
  else query.where('is_current', true)
  const referential = await query.first()
  if (!referential) return null

  const today = (options.today ?? DateTime.now()).toISODate()!
  const deadline: string | null = referential.deadline
  const thresholdPercent = toMoney(referential.threshold_percent)
  const params = { org: organisationId, ref: referential.id, deadline, today }

  const themeRows = await db.rawQuery<{ rows: ThemeRecord[] }>(
    `SELECT t.id, t.name, t.position, ${CRITERIA_COUNTS},
        count(c.id) FILTER (WHERE a.status NOT IN ('validated', 'not_applicable')
          AND a.due_date IS NOT NULL AND a.due_date <= CAST(:deadline AS date))::int AS due_by_deadline
     FROM referential_themes t ${themeCriteria(':org')}
     WHERE t.organisation_id = :org AND t.referential_id = :ref
     GROUP BY t.id, t.name, t.position
     ORDER BY t.position, t.id`,
    params
  )
  const themes: ThemeScore[] = themeRows.rows.map((row) => ({
    themeId: row.id,
    name: row.name,
    ...scoreLine(
      {
        total: row.total,
        notApplicable: row.not_applicable,
        validated: row.validated,
        dueByDeadline: deadline ? row.due_by_deadline : 0,
      },
      thresholdPercent
    ),
  }))

  const alertsFrom = `FROM criteria c
     JOIN referential_themes t ON t.id = c.theme_id
     JOIN criterion_assessments a ON a.criterion_id = c.id
     LEFT JOIN users u ON u.id = a.owner_id
     WHERE c.organisation_id = :org AND c.referential_id = :ref
       AND a.status NOT IN ('validated', 'not_applicable')`
  const late = await db.rawQuery<{ rows: AlertRecord[] }>(
    `SELECT ${ALERT_COLUMNS} ${alertsFrom} AND a.due_date < CAST(:today AS date)
     ORDER BY a.due_date, t.position, c.position`,
    params
  )
  const unowned = await db.rawQuery<{ rows: AlertRecord[] }>(
    `SELECT ${ALERT_COLUMNS} ${alertsFrom} AND a.owner_id IS NULL
     ORDER BY t.position, c.position`,
    params
  )

  const editions = await Referential.query().orderBy('name').orderBy('edition', 'desc')
  const overall = scoreLine(sumCounts(themes), thresholdPercent)
  if (!deadline) {
    for (const line of [overall, ...themes]) {
      line.projectedRatio = null
      line.projectedReached = false
    }
  }
  return {
    referential: {
      id: referential.id,
      name: referential.name,
      edition: referential.edition,
      isDemo: referential.is_demo,
      isCurrent: referential.is_current,
      thresholdPercent,
      deadline: deadline ? DateTime.fromISO(deadline) : null,
    },
    editions: editions.map((edition) => ({
      id: edition.id,
      label: edition.label,
      isCurrent: edition.isCurrent,
      isDemo: edition.isDemo,
    })),
    asOf: DateTime.fromISO(today),
    threshold: thresholdPercent.div(100),
    themes,
    overall,
    late: late.rows.map(toAlert),
    unowned: unowned.rows.map(toAlert),
  }
}
