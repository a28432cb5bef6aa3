import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { YearsWithData } from '#reports/core/years_with_data'
import { byLedgerVersion } from '#reports/accounting/ledger_version'
import {
  copyLineChoices,
  readLineChoices,
  type LineChoicesResult,
} from '#reports/accounting/line_choices'
import FiscalYear from '#models/accounting/fiscal_year'
import Organisation from '#models/core/organisation'
import { fecLines, LedgerLines, type LedgerLineRow } from '#reports/accounting/ledger_lines'
import {
  AllocationResolutions,
  allocationRefusal,
} from '#reports/accounting/allocation_resolutions'
import type { FiscalYearStatus } from '#vocabulary/accounting'

export interface FiscalYearRow {
  id: number
  label: string
  status: FiscalYearStatus
  start_date: string
  end_date: string
  /** Income or expenses are recorded in it (#reports/core/years_with_data). */
  hasData?: boolean
}

export interface JournalRow {
  id: number
  code: string
  label: string
}

export interface LedgerChoicesResult {
  /** Fiscal years of the organisation, newest first. */
  years: FiscalYearRow[]
  /** The requested year, or the newest with data, or the newest. */
  selected: FiscalYearRow | null
  journals: JournalRow[]
  /** With `analytics`: the programmes, territories and conventions (no accounts). */
  analytics: LineChoicesResult | null
}

/**
 * Fiscal years (newest first) with the selected one, and the journals: the ledger's filters.
 * Read once per ledger version (fiscal years, lines and journals carry its triggers, ADR 12).
 */
export class LedgerChoices extends Report<
  { requested?: number | null; analytics?: boolean },
  LedgerChoicesResult
> {
  async build() {
    // The analytic choices are kept with the others so that a filter form reads one version.
    const withAnalytics = this.params.analytics === true
    const { years, journals, analytics } = await byLedgerVersion(
      this.tenant.organisationId,
      withAnalytics ? 'ledger-choices|analytics' : 'ledger-choices',
      () => this.read(withAnalytics),
      (choices) => ({
        years: choices.years.map((year) => ({ ...year })),
        journals: choices.journals.map((journal) => ({ ...journal })),
        analytics: choices.analytics && copyLineChoices(choices.analytics),
      })
    )
    const id = this.params.requested ?? null
    // By default the latest fiscal year with data, not an open year that holds nothing yet.
    const selected =
      years.find((y) => y.id === id) ?? years.find((y) => y.hasData) ?? years[0] ?? null
    return { years, selected, journals, analytics }
  }

  private async read(withAnalytics: boolean) {
    const organisationId = this.tenant.organisationId
    const years: FiscalYearRow[] = await db
      .from('fiscal_years')
      .where('organisation_id', organisationId)
      .orderBy('start_date', 'desc')
      .select(
        'id',
        'label',
        'status',
        db.raw(`to_char(start_date, 'YYYY-MM-DD') AS start_date`),
        db.raw(`to_char(end_date, 'YYYY-MM-DD') AS end_date`)
      )
    const { fiscalYears } = await new YearsWithData(this.tenant, { domain: 'accounting' }).build()
    const withData = new Set(fiscalYears.filter((f) => f.hasData).map((f) => f.id))
    for (const year of years) year.hasData = withData.has(year.id)
    const journals: JournalRow[] = await db
      .from('journals')
      .where('organisation_id', organisationId)
      .orderBy('code')
      .select('id', 'code', 'label')
    return {
      years,
      journals,
      analytics: withAnalytics ? await readLineChoices(organisationId, false) : null,
    }
  }
}

export interface FiscalYearSummary extends FiscalYearRow {
  validated: number
  drafts: number
}

/** The accounting home: each fiscal year with its counts of validated entries and drafts. */
export class FiscalYearOverview extends Report<Record<string, never>, FiscalYearSummary[]> {
  async build() {
    const { years } = await new LedgerChoices(this.tenant, {}).build()
    const { rows } = await db.rawQuery<{
      rows: Array<{ fiscal_year_id: number; validated: string; drafts: string }>
    }>(
      `SELECT fiscal_year_id, count(*) FILTER (WHERE status = 'validated') AS validated,
              count(*) FILTER (WHERE status = 'draft') AS drafts
         FROM entries WHERE organisation_id = ? GROUP BY fiscal_year_id`,
      [this.tenant.organisationId]
    )
    const byYear = new Map(rows.map((row) => [row.fiscal_year_id, row]))
    return years.map((y) => ({
      ...y,
      validated: Number(byYear.get(y.id)?.validated ?? 0),
      drafts: Number(byYear.get(y.id)?.drafts ?? 0),
    }))
  }
}

export interface YearEndRow extends Record<string, unknown> {
  id: number
  label: string
  status: FiscalYearStatus
  closings: Array<Record<string, unknown>>
  allocation: Record<string, unknown> | null
  /** How the allocation's resolution is named ("AG du 20 juin 2024 — …"), if it cites one. */
  allocationResolution: string | null
  /** The general assembly's resolutions that may found this year's allocation, by name. */
  resolutionChoices: Array<{ value: number; label: string }>
}

/**
 * The year-end screen: each fiscal year with its closings (newest first), its allocation and the
 * resolutions its allocation may cite (`allocationRefusal` is the rule).
 */
export class YearEndOverview extends Report<Record<string, never>, YearEndRow[]> {
  async build() {
    const resolutions = await new AllocationResolutions(this.tenant, {}).build()
    const organisationId = this.tenant.organisationId
    const years = await db
      .from('fiscal_years')
      .where('organisation_id', organisationId)
      .orderBy('start_date', 'desc')
    const closings = await db
      .from('fiscal_year_closings')
      .where('organisation_id', organisationId)
      .orderBy('id', 'desc')
    const allocations = await db.from('result_allocations').where('organisation_id', organisationId)
    return years.map((y: YearEndRow) => {
      const allocation =
        allocations.find((a: { fiscal_year_id: number }) => a.fiscal_year_id === y.id) ?? null
      return {
        ...y,
        closings: closings.filter((c: { fiscal_year_id: number }) => c.fiscal_year_id === y.id),
        allocation,
        allocationResolution:
          resolutions.find((r) => allocation && r.id === allocation.resolution_id)?.label ?? null,
        resolutionChoices: resolutions
          .filter((r) => allocationRefusal(r, y) === null)
          .map((r) => ({ value: r.id, label: r.label })),
      }
    })
  }
}

/**
 * The fiscal year a FEC is downloaded for, the file's regulatory name (SIREN, FEC, end date)
 * and its lines, streamed as the file is written.
 */
export class FecDownload extends Report<
  { id: number },
  { fiscalYearId: number; fileName: string; lines: AsyncIterable<LedgerLineRow> }
> {
  async build() {
    const year = await FiscalYear.findOrFail(this.params.id)
    const organisation = await Organisation.findOrFail(this.tenant.organisationId)
    const { lines } = await new LedgerLines(this.tenant, fecLines(year.id)).build()
    return { fiscalYearId: year.id, fileName: year.fecFileName(organisation.siren), lines }
  }
}
