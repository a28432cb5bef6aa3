import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import { activityChecks } from '#reconciliation/activity_checks'
import { accountingChecks } from '#reconciliation/accounting_checks'
import { crossDomainChecks } from '#reconciliation/cross_domain_checks'
import { publishedChecks } from '#reconciliation/published_checks'
import { fundingChecks } from '#reconciliation/funding_checks'
import { publishedHrChecks } from '#reconciliation/published_hr_checks'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  CheckContext,
  dec,
  type CheckDefinition,
  type CheckResult,
  type QueryClient,
} from '#reconciliation/types'
import { recordEvent } from '#support/audit'
import type { CheckStatus, RunTrigger } from '#vocabulary/reconciliation'

/** Every check, one family per file. */
export const CHECKS: CheckDefinition[] = [
  ...activityChecks,
  ...accountingChecks,
  ...crossDomainChecks,
  ...fundingChecks,
  ...publishedChecks,
  ...publishedHrChecks,
]

export interface StoredResult extends CheckResult {
  family: string
  domain: string
}

export interface RunSummary {
  runId: number
  year: number
  counts: Record<CheckStatus, number>
  results: StoredResult[]
}

/** Runs every check for a year; a check that fails to run is reported, not hidden. */
export async function evaluate(
  organisationId: number,
  year: number,
  client: QueryClient = db
): Promise<StoredResult[]> {
  const context = new CheckContext(organisationId, year, client)
  const results: StoredResult[] = []
  for (const check of CHECKS) {
    let produced: CheckResult[]
    try {
      produced = await check.run(context)
    } catch (error) {
      produced = [
        {
          checkId: check.id,
          title: check.description,
          status: 'missing_data',
          explanation: `Le contrôle n'a pas pu s'exécuter : ${(error as Error).message}`,
        },
      ]
    }
    for (const result of produced)
      results.push({ ...result, family: check.family, domain: check.domain })
  }
  return results
}

const text = (value: Decimal | number | null | undefined) => {
  const d = dec(value ?? null)
  return d === null ? null : d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)
}

/** Runs the checks and stores the run and its results (one transaction). */
export async function runReconciliation(
  organisationId: number,
  year: number,
  trigger: RunTrigger,
  actor: { userId: number | null; label: string } = { userId: null, label: 'système' },
  client?: TransactionClientContract
): Promise<RunSummary> {
  const results = await evaluate(organisationId, year, client ?? db)
  const counts = { ok: 0, rounding: 0, discrepancy: 0, missing_data: 0 }
  for (const result of results) counts[result.status]++
  const store = async (trx: TransactionClientContract) => {
    const [run] = await trx
      .table('reconciliation_runs')
      .insert({
        organisation_id: organisationId,
        year,
        trigger,
        user_id: actor.userId,
        actor: actor.label,
        checks_total: results.length,
        checks_ok: counts.ok,
        checks_rounding: counts.rounding,
        checks_discrepancy: counts.discrepancy,
        checks_missing: counts.missing_data,
        finished_at: new Date(),
      })
      .returning(['id'])
    const rows = results.map((r, position) => ({
      organisation_id: organisationId,
      run_id: run.id,
      check_id: r.checkId.slice(0, 160),
      family: r.family,
      domain: r.domain,
      title: r.title.slice(0, 300),
      status: r.status,
      expected: text(r.expected),
      actual: text(r.actual),
      difference: text(r.difference),
      tolerance: text(r.tolerance),
      unit: r.unit ?? null,
      explanation: r.explanation ?? null,
      inputs: r.inputs ? JSON.stringify(r.inputs) : null,
      details: r.details ? JSON.stringify(r.details) : null,
      position,
    }))
    for (let i = 0; i < rows.length; i += 500) {
      await trx.table('reconciliation_results').multiInsert(rows.slice(i, i + 500))
    }
    await recordEvent({
      domain: 'reconciliation',
      action: 'run',
      subjectType: 'ReconciliationRun',
      subjectId: run.id,
      summary: `Rapprochements ${year} : ${counts.discrepancy} écart(s), ${counts.rounding} arrondi(s), ${counts.missing_data} donnée(s) manquante(s)`,
      organisationId,
      trx,
    })
    return run.id as number
  }
  const runId = client ? await store(client) : await db.transaction(store)
  return { runId, year, counts, results }
}
