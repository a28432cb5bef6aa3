import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Report } from '#support/report'
import { fiscalYearName, PARIS_ZONE } from '#support/french_format'
import { byLedgerVersion } from '#reports/accounting/ledger_version'

/**
 * The domains whose pages are read year by year, and what "the year has data" means for each:
 * a page opens on the latest year that has data for its domain, not the latest fiscal year that
 * exists (an open year holding nothing yet) nor the calendar year.
 */
export const DATA_DOMAINS = {
  /** Income or expenses (class 6 or 7 lines) dated in a fiscal year: à-nouveaux alone do not count. */
  accounting: `
    SELECT extract(year from f.end_date)::int AS year FROM fiscal_years f
     WHERE f.organisation_id = :org
       AND EXISTS (SELECT 1 FROM entry_lines l
                    WHERE l.organisation_id = f.organisation_id
                      AND l.entry_date BETWEEN f.start_date AND f.end_date
                      AND l.account_number >= '6')`,
  /** Hires and departures that took place, training sessions and time allocations. */
  hr: `
    SELECT extract(year from start_date)::int AS year FROM contracts
     WHERE organisation_id = :org AND start_date <= current_date
    UNION SELECT extract(year from end_date)::int FROM contracts
     WHERE organisation_id = :org AND end_date <= current_date
    UNION SELECT extract(year from start_date)::int FROM training_sessions
     WHERE organisation_id = :org AND start_date <= current_date
    UNION SELECT extract(year from month)::int FROM time_allocations WHERE organisation_id = :org`,
  /** Conventions starting in the year, and money received. */
  grants: `
    SELECT extract(year from period_start)::int AS year FROM grants WHERE organisation_id = :org
    UNION SELECT extract(year from received_on)::int FROM grant_receipts
     WHERE organisation_id = :org AND received_on <= current_date`,
  /** Indicator values (the key figures). */
  activity: `SELECT DISTINCT year FROM indicator_values WHERE organisation_id = :org`,
  /** Meetings held. */
  governance: `
    SELECT DISTINCT extract(year from held_at AT TIME ZONE 'Europe/Paris')::int AS year
      FROM meetings WHERE organisation_id = :org AND held_at <= now()`,
  /** Criteria assessed (each status change is dated). */
  quality: `
    SELECT DISTINCT extract(year from created_at AT TIME ZONE 'Europe/Paris')::int AS year
      FROM criterion_status_changes WHERE organisation_id = :org`,
  /** Years reconciled, and the years the accounts can be reconciled for. */
  reconciliation: `
    SELECT year FROM reconciliation_runs WHERE organisation_id = :org
    UNION SELECT extract(year from f.end_date)::int FROM fiscal_years f
     WHERE f.organisation_id = :org
       AND EXISTS (SELECT 1 FROM entry_lines l
                    WHERE l.organisation_id = f.organisation_id
                      AND l.entry_date BETWEEN f.start_date AND f.end_date
                      AND l.account_number >= '6')`,
  /** A network (ADR 9): years with activity values or accounts among members that share. */
  network: `
    SELECT v.year FROM indicator_values v
      JOIN network_members n ON n.organisation_id = v.organisation_id
     WHERE n.network_organisation_id = :org AND n.sharing_agreed_at IS NOT NULL
    UNION SELECT extract(year from f.end_date)::int FROM fiscal_years f
      JOIN network_members n ON n.organisation_id = f.organisation_id
     WHERE n.network_organisation_id = :org AND n.sharing_agreed_at IS NOT NULL
       AND EXISTS (SELECT 1 FROM entry_lines l
                    WHERE l.organisation_id = f.organisation_id
                      AND l.entry_date BETWEEN f.start_date AND f.end_date
                      AND l.account_number >= '6')`,
} as const

export type DataDomain = keyof typeof DATA_DOMAINS

/** Domains read by fiscal year: their pickers name years as the fiscal years are named. */
const FISCAL_DOMAINS = new Set<DataDomain>(['accounting', 'grants', 'reconciliation'])

/** How many years a picker offers at most (the chosen one is always among them). */
export const PICKER_SIZE = 15

export interface YearChoice {
  value: number
  /** The fiscal year's name ("2023", "2022-2023"), else the year; " (sans données)" appended. */
  label: string
  hasData: boolean
  selected: boolean
}

export interface FiscalYearChoice {
  id: number
  /** The calendar year the fiscal year ends in (the statements' ?annee=). */
  year: number
  label: string
  status: string
  hasData: boolean
}

export interface YearsWithDataResult {
  domain: DataDomain
  /** The query-string parameter the picker sends. */
  name: 'annee'
  /** The year the page shows: the one asked for, else `latest`, else the fallback. */
  year: number
  /** The latest year with data, null when the domain holds nothing yet. */
  latest: number | null
  /** Years with data, newest first. */
  years: number[]
  /** The picker's options, newest first. */
  choices: YearChoice[]
  /** The organisation's fiscal years, newest first, each saying whether it holds data. */
  fiscalYears: FiscalYearChoice[]
}

export interface YearsWithDataParams {
  domain: DataDomain
  /** The year asked for (?annee=); shown even when it holds no data. */
  requested?: number | null
}

/**
 * Which years hold data for a domain, and the year a page opens on: the one asked for, else the
 * latest with data; with no data at all, the latest fiscal year that has ended (else the
 * current calendar year). One SQL query per domain (DATA_DOMAINS), plus the fiscal years.
 */
export class YearsWithData extends Report<YearsWithDataParams, YearsWithDataResult> {
  async build(): Promise<YearsWithDataResult> {
    const { domain, requested } = this.params
    const org = this.tenant.organisationId
    const ledger = await byLedgerVersion(org, 'years-with-data', () => ledgerYears(org), copyOf)
    const years =
      domain === 'accounting'
        ? [...ledger.accountingYears]
        : await yearsOf(org, DATA_DOMAINS[domain])
    const accountingYears = new Set(ledger.accountingYears)
    const fiscalYears = ledger.fiscalYears.map((row) => ({
      ...row,
      hasData: accountingYears.has(row.year),
    }))
    const latest = years[0] ?? null
    const year = requested ?? latest ?? fallbackYear(fiscalYears)
    return {
      domain,
      name: 'annee',
      year,
      latest,
      years,
      choices: pickerChoices(year, years, FISCAL_DOMAINS.has(domain) ? fiscalYears : []),
      fiscalYears,
    }
  }
}

/** Years with data for a domain's query, newest first. */
async function yearsOf(org: number, sql: string) {
  const { rows } = await db.rawQuery<{ rows: Array<{ year: number | null }> }>(
    `SELECT DISTINCT year FROM (${sql}) y WHERE year IS NOT NULL ORDER BY year DESC`,
    { org }
  )
  return rows.map((row) => Number(row.year))
}

interface LedgerYears {
  fiscalYears: Array<{ id: number; year: number; label: string; status: string }>
  /** Years with data for the accounting domain, newest first. */
  accountingYears: number[]
}

/**
 * The fiscal years and the accounting domain's years with data: read once per ledger version
 * (fiscal years and lines carry its triggers, ADR 12); every domain's picker names its years
 * after them.
 */
async function ledgerYears(org: number): Promise<LedgerYears> {
  const fiscalRows: Array<{ id: number; year: number; label: string; status: string }> = await db
    .from('fiscal_years')
    .where('organisation_id', org)
    .orderBy('end_date', 'desc')
    .select('id', 'label', 'status', db.raw('extract(year from end_date)::int AS year'))
  return {
    fiscalYears: fiscalRows.map((row) => ({
      id: Number(row.id),
      year: Number(row.year),
      label: row.label,
      status: row.status,
    })),
    accountingYears: await yearsOf(org, DATA_DOMAINS.accounting),
  }
}

const copyOf = (kept: LedgerYears): LedgerYears => ({
  fiscalYears: kept.fiscalYears.map((row) => ({ ...row })),
  accountingYears: [...kept.accountingYears],
})

/** No data yet: the latest fiscal year that has ended, else the calendar year. */
function fallbackYear(fiscalYears: FiscalYearChoice[]) {
  const today = DateTime.now().setZone(PARIS_ZONE).year
  return fiscalYears.find((f) => f.year < today)?.year ?? fiscalYears[0]?.year ?? today
}

/**
 * The picker: years with data and (for fiscal domains) the fiscal years' years, newest first,
 * at most PICKER_SIZE of them, always with the chosen one.
 */
function pickerChoices(year: number, years: number[], fiscalYears: FiscalYearChoice[]) {
  const withData = new Set(years)
  const labels = new Map(fiscalYears.map((f) => [f.year, f.label]))
  const all = [...new Set([...years, ...fiscalYears.map((f) => f.year)])]
    .sort((a, b) => b - a)
    .slice(0, PICKER_SIZE)
  if (!all.includes(year)) all.push(year)
  return all
    .sort((a, b) => b - a)
    .map((value): YearChoice => ({
      value,
      label: `${labels.has(value) ? fiscalYearName(labels.get(value)!) : value}${withData.has(value) ? '' : ' (sans données)'}`,
      hasData: withData.has(value),
      selected: value === year,
    }))
}
