import { activityChecks } from '#reconciliation/activity_checks'
import { accountingChecks } from '#reconciliation/accounting_checks'
import { crossDomainChecks } from '#reconciliation/cross_domain_checks'
import { publishedChecks } from '#reconciliation/published_checks'
import { fundingChecks } from '#reconciliation/funding_checks'
import { publishedHrChecks } from '#reconciliation/published_hr_checks'
import { payrollChecks } from '#reconciliation/payroll_checks'
import type { CheckDefinition } from '#reconciliation/types'

/**
 * Every check, one family per file. ReconciliationChecks (#reports/reconciliation/check_results)
 * runs them, RunReconciliation (#actions/reconciliation/run_reconciliation) stores a run.
 */
export const CHECKS: CheckDefinition[] = [
  ...activityChecks,
  ...accountingChecks,
  ...crossDomainChecks,
  ...fundingChecks,
  ...publishedChecks,
  ...publishedHrChecks,
  ...payrollChecks,
]
