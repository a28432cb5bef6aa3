import db from '@adonisjs/lucid/services/db'
import { CHECKS } from '#reconciliation/registry'
import { CheckContext, type CheckResult } from '#reconciliation/types'
import { ClientReport } from '#support/report'

export interface StoredResult extends CheckResult {
  family: string
  domain: string
}

/**
 * Every check of the registry run for a year, in registry order; a check that fails to run is
 * reported, not hidden. Stores nothing (RunReconciliation stores a run). An import passes its
 * transaction so that the checks see the rows it has just written.
 */
export class ReconciliationChecks extends ClientReport<{ year: number }, StoredResult[]> {
  async build() {
    const context = new CheckContext(this.tenant, this.params.year, this.client ?? db)
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
}
