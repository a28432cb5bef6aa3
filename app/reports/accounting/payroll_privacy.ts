import db from '@adonisjs/lucid/services/db'
import type { Tenant } from '#support/request_context'

/**
 * Payroll privacy of the ledger (docs/adr/0003-authorisation-and-audit.md, "Payroll lines").
 *
 * A payroll entry is an entry of a payroll journal, or an entry with a line on a personal
 * account (421, 425, 427, 641, 645) that carries an auxiliary account. Every line of a payroll
 * entry is a payroll line. Readers without `accounting.payroll_detail` see payroll lines only
 * summed per account and month, without auxiliary, line label, entry label or piece.
 */
export const PERSONAL_ACCOUNT_PREFIXES = ['421', '425', '427', '641', '645'] as const

/** Journal codes that are payroll journals whatever their label. */
export const PAYROLL_JOURNAL_CODES = ['SA', 'SAL', 'PAIE'] as const

/** Label of a summed payroll row (entry label of the synthetic line). */
export const PAYROLL_SUM_LABEL = 'Paie et personnel : cumul du mois (détail réservé)'

// Constants of this file only (never user input), so they are written into the SQL text
// (without '?', which knex would take for a binding).
const PERSONAL = `^(${PERSONAL_ACCOUNT_PREFIXES.join('|')})`
const CODES = PAYROLL_JOURNAL_CODES.map((code) => `'${code}'`).join(', ')

/** SQL predicate: the journal `j` is a payroll journal (by code, or "salaires"/"paie" in its label). */
export const payrollJournalSql = (j = 'j') =>
  `(upper(${j}.code) IN (${CODES}) OR ${j}.label ~* '\\m(salaire|salaires|paie|paies)\\M')`

/** SQL predicate: the entry `e` is a payroll entry (see the file's comment). */
export function payrollEntrySql(e = 'e') {
  return `(EXISTS (SELECT 1 FROM journals pj WHERE pj.id = ${e}.journal_id AND ${payrollJournalSql('pj')})
        OR EXISTS (SELECT 1 FROM entry_lines pl WHERE pl.entry_id = ${e}.id
                    AND pl.account_number ~ '${PERSONAL}'
                    AND (pl.aux_number IS NOT NULL OR pl.aux_label IS NOT NULL)))`
}

/**
 * Whether an entry of the tenant's organisation is a payroll entry (false when it does not
 * exist): the guard of an entry's pages, asked before its report is built.
 */
export async function isPayrollEntry(tenant: Tenant, entryId: number) {
  const { rows } = await db.rawQuery(
    `SELECT ${payrollEntrySql('e')} AS payroll FROM entries e WHERE e.id = ? AND e.organisation_id = ?`,
    [entryId, tenant.organisationId]
  )
  return rows.length > 0 && rows[0].payroll === true
}
