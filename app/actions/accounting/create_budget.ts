import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { LedgerError } from '#actions/accounting/errors'
import { seedStatementLayouts } from '#actions/accounting/seed_statement_layouts'
import type { BudgetVersionKind } from '#vocabulary/accounting'

export interface NewBudget {
  fiscalYearId: number
  layoutCode: string
  versionKind: BudgetVersionKind
  label: string
}

/**
 * Creates an empty budget of a fiscal year on the income-statement layout in force that year;
 * one budget per year, layout and version.
 */
export default class CreateBudget {
  static handle(tenant: Tenant, input: NewBudget, trx?: TransactionClientContract) {
    const organisationId = tenant.organisationId
    return withTransaction(trx, async (t) => {
      await seedStatementLayouts(organisationId, t)
      const year = await t
        .from('fiscal_years')
        .where({ id: input.fiscalYearId, organisation_id: organisationId })
        .first()
      if (!year) throw new LedgerError('Exercice introuvable.')
      const endYear = new Date(year.end_date).getFullYear()
      const layout = await t
        .from('statement_layouts')
        .where({
          organisation_id: organisationId,
          code: input.layoutCode,
          kind: 'income_statement',
        })
        .where('valid_from_year', '<=', endYear)
        .orderBy('valid_from_year', 'desc')
        .first()
      if (!layout) throw new LedgerError('Présentation introuvable.')
      const exists = await t
        .from('budgets')
        .where({
          organisation_id: organisationId,
          fiscal_year_id: year.id,
          layout_id: layout.id,
          version_kind: input.versionKind,
        })
        .first()
      if (exists) throw new LedgerError('Ce budget existe déjà pour cet exercice et cette version.')
      const [row] = await t
        .table('budgets')
        .insert({
          organisation_id: organisationId,
          fiscal_year_id: year.id,
          layout_id: layout.id,
          version_kind: input.versionKind,
          label: input.label,
        })
        .returning('id')
      return { id: row.id as number }
    })
  }
}
