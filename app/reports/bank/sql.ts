import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import { NotFoundError } from '#support/domain_errors'
import { payrollEntrySql } from '#reports/accounting/payroll_privacy'
import { PAY_LABEL } from '#reports/bank/pay_privacy'

/** The rows of a query, typed by the caller after its SELECT (node-pg: numeric as text). */
export async function rows<T>(
  sql: string,
  bindings: Record<string, unknown>,
  client: QueryClientContract = db.connection()
): Promise<T[]> {
  const result = await client.rawQuery(sql, bindings as RawQueryBindings)
  return result.rows as T[]
}

/** An item is matched while its match has not been undone (its row is active). */
export const activeItem = (column: string, id: string) =>
  `EXISTS (SELECT 1 FROM bank_match_items mi
            WHERE mi.organisation_id = :org AND mi.${column} = ${id} AND mi.active)`

/**
 * The ledger lines a bank account is matched with: its 512x account's lines, opening entries
 * (journal AN, carried forward, never a bank movement) left out. The lines of payroll entries
 * show no label or piece: the bank pages are read by roles that may not see individual pay.
 */
export const LEDGER_LINES = `
  SELECT l.id::text AS id, to_char(l.entry_date, 'YYYY-MM-DD') AS day, (l.debit - l.credit) AS amount,
         CASE WHEN ${payrollEntrySql('e')} THEN '${PAY_LABEL}'
              ELSE concat_ws(' — ', e.label, nullif(l.label, e.label)) END AS label,
         CASE WHEN ${payrollEntrySql('e')} THEN NULL ELSE e.piece_ref END AS "pieceRef",
         j.code AS journal, e.number AS "entryNumber", l.entry_id AS "entryId"
    FROM entry_lines l
    JOIN entries e ON e.organisation_id = l.organisation_id AND e.id = l.entry_id
    JOIN journals j ON j.organisation_id = e.organisation_id AND j.id = e.journal_id
   WHERE l.organisation_id = :org AND l.account_id = :accountId AND j.code <> 'AN'`

export interface BankAccountHead {
  id: number
  name: string
  iban: string
  bic: string | null
  accountId: number
  accountNumber: string
  accountLabel: string
  csvMapping: Record<string, string | null> | null
}

/** The bank account with its 512x account, or a 404 refusal. */
export async function bankAccountHead(
  organisationId: number,
  id: number,
  client?: QueryClientContract
): Promise<BankAccountHead> {
  const [account] = await rows<BankAccountHead>(
    `SELECT b.id, b.name, b.iban, b.bic, b.account_id AS "accountId", a.number AS "accountNumber",
            a.label AS "accountLabel", b.csv_mapping AS "csvMapping"
       FROM bank_accounts b JOIN accounts a ON a.organisation_id = b.organisation_id AND a.id = b.account_id
      WHERE b.organisation_id = :org AND b.id = :id`,
    { org: organisationId, id },
    client
  )
  if (!account) throw new NotFoundError('Ce compte bancaire n’existe pas.')
  return account
}
