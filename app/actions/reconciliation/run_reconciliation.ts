import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { runReconciliation } from '#reconciliation/registry'
import type { Tenant } from '#support/request_context'
import type { RunTrigger } from '#vocabulary/reconciliation'

/**
 * Runs every check of the registry for a year and stores the run with its results, in the
 * given transaction or its own (the registry's `runReconciliation` owns the details).
 */
export default class RunReconciliation {
  static handle(
    tenant: Tenant,
    input: { year: number; trigger: RunTrigger },
    trx?: TransactionClientContract
  ) {
    return runReconciliation(
      tenant.organisationId,
      input.year,
      input.trigger,
      { userId: tenant.userId, label: tenant.label },
      trx
    )
  }
}
