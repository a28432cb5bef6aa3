import { formatNumber } from '#support/french_format'
import { Decimal } from 'decimal.js'
import { moneyOrNull, toMoney } from '#support/money'
import db from '@adonisjs/lucid/services/db'
import { ActivityValuesReport, type ActivityValues } from '#reports/activity/activity_values'
import type { Tenant } from '#support/request_context'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { CheckFamily, CheckStatus } from '#vocabulary/reconciliation'
import type { PageLink } from '#support/page_link'

export type QueryClient = typeof db | QueryClientContract

export type { CheckStatus, CheckFamily } from '#vocabulary/reconciliation'

/** A row of the raw SQL sums of the checks: an amount of a subject (funder, programme) in a year. */
export interface AmountRow {
  id: number | string
  year: number | string
  amount: string | number
  name?: string
}

/** One line behind a figure, for the drill-down. */
export interface DetailLine {
  label: string
  value: string | number | null
  source?: string | null
  /** The Socle page the figure comes from (stored with the result; the page builds its URL). */
  link?: PageLink | null
}

export interface CheckResult {
  /** Stable id of the result: the check's id, plus the subject when a check yields several. */
  checkId: string
  title: string
  status: CheckStatus
  expected?: Decimal | number | null
  actual?: Decimal | number | null
  difference?: Decimal | number | null
  tolerance?: Decimal | number | null
  unit?: string
  explanation?: string | null
  inputs?: Record<string, unknown>
  details?: DetailLine[]
}

export interface CheckDefinition {
  id: string
  family: CheckFamily
  /** Domain the figures come from: activity, accounting, grants, hr, or several joined by '+'. */
  domain: string
  /** French description of what is compared. */
  description: string
  inputs: string[]
  /** French description of the tolerance. */
  tolerance: string
  run(context: CheckContext): Promise<CheckResult[]>
}

/**
 * What a check may read: the tenant (reports the checks compare are built with it), the year,
 * and lazily loaded shared data.
 */
export class CheckContext {
  private activityValues?: Promise<ActivityValues>
  private tables?: Promise<Set<string>>

  constructor(
    readonly tenant: Tenant,
    readonly year: number,
    /** The database, or the transaction of an import that has just written its rows. */
    readonly client: QueryClient = db
  ) {}

  get organisationId() {
    return this.tenant.organisationId
  }

  /** The client as reports take it (#support/report ClientReport): none for the database. */
  get reportClient(): QueryClientContract | undefined {
    return this.client === db ? undefined : (this.client as QueryClientContract)
  }

  activity() {
    this.activityValues ??= new ActivityValuesReport(
      this.tenant,
      { year: this.year },
      this.reportClient
    ).build()
    return this.activityValues
  }

  /** Tables of other domains may not exist yet: checks ask before querying them. */
  async hasTables(...names: string[]) {
    this.tables ??= this.client
      .rawQuery(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
      )
      .then(
        (result) =>
          new Set<string>(result.rows.map((row: { table_name: string }) => row.table_name))
      )
    const tables = await this.tables
    return names.every((name) => tables.has(name))
  }

  async hasColumns(table: string, ...columns: string[]) {
    const result = await this.client.rawQuery(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`,
      [table]
    )
    const present = new Set(result.rows.map((row: { column_name: string }) => row.column_name))
    return columns.every((column) => present.has(column))
  }
}

export function dec(value: Decimal | number | string | null | undefined): Decimal | null {
  return moneyOrNull(value)
}

/**
 * Compares an expected figure with the computed one: equal is ok, a gap within the tolerance
 * is rounding, anything beyond is a discrepancy.
 */
export function compare(
  expected: Decimal | number,
  actual: Decimal | number,
  tolerance: Decimal | number = 0
): { status: CheckStatus; difference: Decimal } {
  const difference = toMoney(actual).minus(expected)
  if (difference.isZero()) return { status: 'ok', difference }
  if (difference.abs().lte(tolerance)) return { status: 'rounding', difference }
  return { status: 'discrepancy', difference }
}

export function missing(checkId: string, title: string, explanation: string): CheckResult {
  return { checkId, title, status: 'missing_data', explanation }
}

export function formatCount(value: Decimal | number) {
  return formatNumber(toMoney(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP))
}
