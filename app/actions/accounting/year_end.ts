import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Stores the closing balances of a fiscal year per account and analytic dimension (programme,
 * grant, territory), computed by one aggregate over the year's validated lines.
 */
export async function storeClosingBalances(
  trx: TransactionClientContract,
  organisationId: number,
  fiscalYearId: number,
  closingId: number
) {
  await trx.rawQuery(
    `INSERT INTO account_balances (organisation_id, fiscal_year_id, closing_id, account_id, account_number,
                                   programme_id, grant_id, territory_id, debit, credit, balance)
     SELECT ?, ?, ?, l.account_id, l.account_number, l.programme_id, l.grant_id, l.territory_id,
            SUM(l.debit), SUM(l.credit), SUM(l.debit) - SUM(l.credit)
       FROM entry_lines l JOIN entries e ON e.id = l.entry_id
      WHERE l.organisation_id = ? AND e.fiscal_year_id = ? AND e.status = 'validated'
      GROUP BY l.account_id, l.account_number, l.programme_id, l.grant_id, l.territory_id`,
    [organisationId, fiscalYearId, closingId, organisationId, fiscalYearId]
  )
}
