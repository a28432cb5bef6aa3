import db from '@adonisjs/lucid/services/db'
import { moneyOrNull } from '#support/money'
import { CHECKS } from '#reconciliation/registry'
import { Report } from '#support/report'
import { YearsWithData } from '#reports/core/years_with_data'
import type { Tenant } from '#support/request_context'
import { CHECK_STATUSES, RUN_TRIGGERS, domainLabel } from '#vocabulary/reconciliation'
import { labelOf } from '#vocabulary/labels'
import type { PageLink } from '#support/page_link'

export interface StatusFilter {
  /** By default the latest year reconciled or with accounts (#reports/core/years_with_data). */
  year?: number
  status?: string
  domain?: string
  runId?: number
}

const num = (v: string | null) => moneyOrNull(v)

/**
 * A year's reconciliation: the chosen run (latest by default) with its results filtered by
 * status and domain, and the history of runs so the status can be compared over time.
 */
export class ReconciliationStatus extends Report<StatusFilter, ReconciliationStatusResult> {
  async build() {
    const year = this.params.year ?? (await latestYear(this.tenant))
    return reconciliationStatus(this.tenant.organisationId, { ...this.params, year })
  }
}

/** The latest year reconciled or with accounts to reconcile (#reports/core/years_with_data). */
async function latestYear(tenant: Tenant) {
  return (await new YearsWithData(tenant, { domain: 'reconciliation' }).build()).year
}

async function reconciliationStatus(
  organisationId: number,
  filter: StatusFilter & { year: number }
) {
  const runs = await db
    .from('reconciliation_runs')
    .where({ organisation_id: organisationId, year: filter.year })
    .orderBy('id', 'desc')
    .limit(20)
  const run = filter.runId ? runs.find((r) => r.id === filter.runId) : runs[0]
  const query = db
    .from('reconciliation_results')
    .where('organisation_id', organisationId)
    .where('run_id', run?.id ?? 0)
    .orderByRaw(
      `CASE status WHEN 'discrepancy' THEN 0 WHEN 'atypical' THEN 1 WHEN 'rounding' THEN 2 WHEN 'missing_data' THEN 3 ELSE 4 END`
    )
    // Discrepancies by amount, the largest first (absolute value), whatever their sign.
    .orderByRaw(`CASE WHEN status = 'discrepancy' THEN abs(difference) END DESC NULLS LAST`)
    .orderBy('position')
  if (filter.status) query.where('status', filter.status)
  if (filter.domain) query.where('domain', 'like', `%${filter.domain}%`)
  const rows = await query
  // The run before the chosen one, to show what changed since.
  const previousRun = run ? runs.find((r) => r.id < run.id) : undefined
  const before = new Map<string, string>()
  if (previousRun) {
    const previousRows = await db
      .from('reconciliation_results')
      .where('organisation_id', organisationId)
      .where('run_id', previousRun.id)
      .select('check_id', 'status')
    for (const r of previousRows) before.set(r.check_id, r.status)
  }
  const domains = [...new Set(CHECKS.flatMap((c) => c.domain.split('+')))]
    .map((value) => ({ value, label: domainLabel(value) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'))
  const triggerLabel = (trigger: string) => labelOf(RUN_TRIGGERS, trigger)
  return {
    year: filter.year,
    filter,
    run: run ? { ...run, triggerLabel: triggerLabel(run.trigger) } : null,
    runs: runs.map((r) => ({ ...r, triggerLabel: triggerLabel(r.trigger) })),
    domains,
    statusLabels: CHECK_STATUSES,
    checks: CHECKS.map((c) => ({
      id: c.id,
      family: c.family,
      domain: c.domain,
      domainLabel: domainLabel(c.domain),
      description: c.description,
      inputs: c.inputs,
      tolerance: c.tolerance,
    })),
    previousRun: previousRun ?? null,
    results: rows.map((r) => ({
      id: Number(r.id),
      previousStatus: previousRun ? (before.get(r.check_id) ?? 'absent') : null,
      previousStatusLabel: previousRun
        ? before.has(r.check_id)
          ? labelOf(CHECK_STATUSES, before.get(r.check_id)!)
          : 'absent'
        : null,
      checkId: r.check_id,
      family: r.family,
      domain: r.domain,
      domainLabel: domainLabel(r.domain),
      title: r.title,
      status: r.status as string,
      statusLabel: labelOf(CHECK_STATUSES, r.status),
      expected: num(r.expected),
      actual: num(r.actual),
      difference: num(r.difference),
      tolerance: num(r.tolerance),
      unit: r.unit as string | null,
      explanation: r.explanation as string | null,
      details: (r.details ?? []) as Array<{
        label: string
        value: number | string | null
        source?: string
        link?: PageLink | null
        /** Runs stored before links were named by route carry the URL itself. */
        href?: string
      }>,
    })),
  }
}

export type ReconciliationStatusResult = Awaited<ReturnType<typeof reconciliationStatus>>
