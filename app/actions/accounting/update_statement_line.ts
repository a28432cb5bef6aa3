import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { updateStatementLine } from '#actions/accounting/statement_layouts'

export interface StatementLineForm {
  lineId: number
  label: string
  ranges?: string
  formula?: string
  version: number
}

/** Adjusts one line of a statement layout (label, account ranges or formula). */
export default class UpdateStatementLine {
  static handle(tenant: Tenant, input: StatementLineForm, trx?: TransactionClientContract) {
    return withTransaction(trx, (t) =>
      updateStatementLine(t, tenant.organisationId, input.lineId, {
        label: input.label,
        ranges: input.ranges ?? null,
        formula: input.formula ?? null,
        version: input.version,
      })
    )
  }
}
