import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Decimal } from 'decimal.js'
import { ReconciliationChecks, type StoredResult } from '#reports/reconciliation/check_results'
import { dec } from '#reconciliation/types'
import { recordEvent } from '#support/audit'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { CheckStatus, RunTrigger } from '#vocabulary/reconciliation'

export interface RunSummary {
  runId: number
  year: number
  counts: Record<CheckStatus, number>
  results: StoredResult[]
}

const text = (value: Decimal | number | null | undefined) => {
  const d = dec(value ?? null)
  return d === null ? null : d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)
}

/**
 * Runs every check of the registry for a year (ReconciliationChecks) and stores the run with
 * its results and its audit event, in the given transaction or its own. The checks run before
 * the storing transaction opens, in the given transaction when there is one (an import's, so
 * that they see its rows).
 */
export default class RunReconciliation {
  static async handle(
    tenant: Tenant,
    input: { year: number; trigger: RunTrigger },
    trx?: TransactionClientContract
  ): Promise<RunSummary> {
    const { year, trigger } = input
    const organisationId = tenant.organisationId
    const results = await new ReconciliationChecks(tenant, { year }, trx).build()
    const counts = { ok: 0, rounding: 0, discrepancy: 0, atypical: 0, missing_data: 0 }
    for (const result of results) counts[result.status]++
    const runId = await withTransaction(trx, async (t) => {
      const [run] = await t
        .table('reconciliation_runs')
        .insert({
          organisation_id: organisationId,
          year,
          trigger,
          user_id: tenant.userId,
          actor: tenant.label,
          checks_total: results.length,
          checks_ok: counts.ok,
          checks_rounding: counts.rounding,
          checks_discrepancy: counts.discrepancy,
          checks_atypical: counts.atypical,
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
        await t.table('reconciliation_results').multiInsert(rows.slice(i, i + 500))
      }
      await recordEvent({
        domain: 'reconciliation',
        action: 'run',
        subjectType: 'ReconciliationRun',
        subjectId: run.id,
        summary: `Rapprochements ${year} : ${counts.discrepancy} écart(s), ${counts.atypical} valeur(s) atypique(s), ${counts.rounding} arrondi(s), ${counts.missing_data} donnée(s) manquante(s)`,
        organisationId,
        trx: t,
      })
      return run.id as number
    })
    return { runId, year, counts, results }
  }
}
