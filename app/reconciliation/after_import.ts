import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import RunReconciliation from '#actions/reconciliation/run_reconciliation'
import type { Tenant } from '#support/request_context'
import type { CheckStatus } from '#vocabulary/reconciliation'

export interface ReconciledYear {
  year: number
  runId?: number
  counts?: Record<CheckStatus, number>
  error?: string
}

/**
 * Runs the reconciliation of each year after data has been committed (an import, a FEC file,
 * a batch of entries). Never throws: the data is already committed and stays so; a failing
 * year is logged and reported with its error. Call it AFTER the writing transaction commits.
 */
export async function reconcileAfterImport(
  tenant: Tenant,
  years: Iterable<number>
): Promise<ReconciledYear[]> {
  const organisationId = tenant.organisationId
  const outcome: ReconciledYear[] = []
  for (const year of [...new Set(years)].sort()) {
    try {
      const summary = await RunReconciliation.handle(tenant, { year, trigger: 'import' })
      outcome.push({ year, runId: summary.runId, counts: summary.counts })
    } catch (error) {
      logger.error(
        { err: error, organisationId, year },
        `reconciliation after import failed for ${year}`
      )
      outcome.push({ year, error: (error as Error).message })
    }
  }
  return outcome
}

/** French one-liner for the import's summary. */
export function describeReconciliation(outcome: ReconciledYear[]) {
  if (outcome.length === 0) return ''
  const parts = outcome.map((r) =>
    r.counts
      ? `${r.year} : ${r.counts.discrepancy} écart(s), ${r.counts.atypical} valeur(s) atypique(s), ${r.counts.rounding} arrondi(s)`
      : `${r.year} : non exécutés (${r.error})`
  )
  return `rapprochements ${parts.join(' ; ')}`
}

const DAY = /^(\d{4})-\d{2}(-\d{2})?/

function yearOf(value: unknown): number | null {
  if (typeof value === 'string') {
    const match = DAY.exec(value)
    return match ? Number(match[1]) : null
  }
  if (DateTime.isDateTime(value)) return value.isValid ? value.year : null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getFullYear()
  return null
}

/**
 * Years an import's rows touch, when its definition does not say: a `year` field, or fields
 * named like dates (…Date, …On, month); birth dates are not activity. Only past and current
 * years, and only the three most recent of them: a staff list reaching back decades does not
 * reconcile every year since.
 */
export function yearsTouched(rows: unknown[], now: DateTime = DateTime.now()): number[] {
  const years = new Set<number>()
  for (const row of rows) {
    if (!row || typeof row !== 'object') continue
    for (const [key, value] of Object.entries(row)) {
      if (/birth/i.test(key)) continue
      if (key === 'year' && Number.isInteger(value)) years.add(value as number)
      else if (/(Date|On|Month)$/.test(key) || /^(date|month)/.test(key)) {
        const year = yearOf(value)
        if (year !== null) years.add(year)
      }
    }
  }
  return [...years]
    .filter((y) => y >= 2000 && y <= now.year)
    .sort()
    .slice(-3)
}
