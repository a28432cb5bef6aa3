import { rolesAllow } from '#policies/role_matrix'
import type { Tenant } from '#support/request_context'
import { payrollEntrySql } from '#reports/accounting/payroll_privacy'

/**
 * Individual pay on the bank pages (docs/adr/0003-authorisation-and-audit.md, "Payroll lines").
 *
 * A bank operation's own texts (label, reference, counterparty, as the bank wrote them) name
 * who was paid: a salary transfer is individual pay. Readers without
 * `accounting.payroll_detail` see such an operation with the masked label below and no
 * reference or counterparty; its amount stays, as the amounts of payroll ledger lines do on
 * these pages (the balances and the reconciliation need them).
 */
export const PAY_LABEL = 'Paie et personnel (détail réservé)'

/** Whether the reader may see individual pay (admin, hr). */
export const seesPayDetail = (tenant: Tenant) =>
  rolesAllow(tenant.roles ?? [], 'accounting.payroll_detail')

const ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ'
const PLAIN = 'aaaaaaceeeeiiiinooooouuuuyy'

/**
 * A text in lower case, without accents, every run of other characters one space, padded with
 * a space on each side: a whole word or phrase `w` of it is then `LIKE '% w %'`. Written with
 * `translate` because the `unaccent` extension is not installed; capitals are translated too,
 * as lower() leaves accented capitals as they are under a C collation.
 */
const words = (sql: string) =>
  `(' ' || trim(regexp_replace(lower(translate(coalesce(${sql}, ''),
     '${ACCENTED}${ACCENTED.toUpperCase()}', '${PLAIN}${PLAIN}')), '[^a-z0-9]+', ' ', 'g')) || ' ')`

/** Words of a label that make it a pay operation, written as `words` writes them. */
const SALARY_WORDS =
  '(salaire|salaires|paie|paies|net a payer|acompte|acomptes|remuneration|remunerations)'

/**
 * SQL predicate: the bank operation `o` is individual pay. It is matched with a line of a
 * payroll entry; or its texts hold a salary word; or it is an outgoing transfer whose label or
 * counterparty holds, as whole words, the surname of an employee of the register.
 */
export function payOperationSql(o = 'o') {
  return `(EXISTS (SELECT 1 FROM bank_match_items pmi
                  JOIN bank_match_items pli ON pli.organisation_id = pmi.organisation_id
                   AND pli.match_id = pmi.match_id AND pli.active AND pli.entry_line_id IS NOT NULL
                  JOIN entry_lines pel ON pel.organisation_id = pli.organisation_id AND pel.id = pli.entry_line_id
                  JOIN entries pe ON pe.organisation_id = pel.organisation_id AND pe.id = pel.entry_id
                 WHERE pmi.organisation_id = ${o}.organisation_id AND pmi.bank_operation_id = ${o}.id
                   AND pmi.active AND ${payrollEntrySql('pe')})
       OR ${words(`concat_ws(' ', ${o}.label, ${o}.reference, ${o}.counterparty)`)} ~ ' ${SALARY_WORDS} '
       OR (${o}.amount < 0 AND EXISTS (
             SELECT 1 FROM (SELECT ${words(`concat_ws(' ', ${o}.label, ${o}.counterparty)`)} AS text) pt
               JOIN employees pem ON pem.organisation_id = ${o}.organisation_id
              WHERE ${words('pem.surname')} <> '  '
                AND pt.text LIKE '%' || ${words('pem.surname')} || '%')))`
}

/**
 * The select list of the bank operation `o`'s texts (label, reference, counterparty), masked
 * when they are individual pay and the reader may not see it.
 */
export function operationTextsSql(o: string, detail: boolean) {
  if (detail) return `${o}.label, ${o}.reference, ${o}.counterparty`
  return `CASE WHEN ${o}_pay.pay THEN '${PAY_LABEL}' ELSE ${o}.label END AS label,
          CASE WHEN ${o}_pay.pay THEN NULL ELSE ${o}.reference END AS reference,
          CASE WHEN ${o}_pay.pay THEN NULL ELSE ${o}.counterparty END AS counterparty`
}

/** The join `operationTextsSql` reads, placed after `o` in the FROM list. */
export function operationPayJoin(o: string, detail: boolean) {
  return detail ? '' : `CROSS JOIN LATERAL (SELECT ${payOperationSql(o)} AS pay) ${o}_pay`
}

/** An expression of the label of the bank operation `o` alone, masked like the select list. */
export function operationLabelSql(o: string, detail: boolean) {
  return detail
    ? `${o}.label`
    : `CASE WHEN ${payOperationSql(o)} THEN '${PAY_LABEL}' ELSE ${o}.label END`
}
