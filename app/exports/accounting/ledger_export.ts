import type { Writable } from 'node:stream'
import { toMoney } from '#support/money'
import {
  buildWorkbook,
  streamWorkbook,
  type ColumnSpec,
  type Row,
} from '#support/spreadsheet/writer'
import type { LedgerLineRow } from '#reports/accounting/ledger_lines'
import type { GeneralLedgerLine } from '#reports/accounting/general_ledger'
import type { TrialBalance } from '#reports/accounting/trial_balance'
import type { FiscalYearRow } from '#reports/accounting/fiscal_years'
import type { ChartAccount } from '#reports/accounting/chart_of_accounts'
import type { FecFileError } from '#reports/accounting/fec_imports'
import { FISCAL_YEAR_STATUSES } from '#vocabulary/accounting'
import { labelOf } from '#vocabulary/labels'

export const LEDGER_LINE_COLUMNS: ColumnSpec[] = [
  { header: 'Journal', key: 'journal_code', type: 'text', width: 8 },
  { header: 'N° écriture', key: 'number', type: 'text', width: 12 },
  { header: 'Date', key: 'entry_date', type: 'date' },
  { header: 'Compte', key: 'account_number', type: 'text', width: 12 },
  { header: 'Intitulé du compte', key: 'account_label', type: 'text', width: 30 },
  { header: 'Compte auxiliaire', key: 'aux_number', type: 'text', width: 12 },
  { header: 'Pièce', key: 'piece_ref', type: 'text', width: 12 },
  { header: 'Libellé', key: 'label', type: 'text', width: 40 },
  { header: 'Débit', key: 'debit', type: 'money' },
  { header: 'Crédit', key: 'credit', type: 'money' },
  { header: 'Lettrage', key: 'lettering', type: 'text', width: 8 },
  { header: 'Statut', key: 'status', type: 'text', width: 10 },
]

/** Streams the lines of a LedgerLines report into an xlsx written to `output` (bounded memory). */
export async function streamLedgerLinesWorkbook(
  output: Writable,
  lines: AsyncIterable<LedgerLineRow>
) {
  async function* rows() {
    for await (const row of lines) {
      yield {
        ...row,
        label: row.label ?? row.entry_label,
        debit: toMoney(row.debit),
        credit: toMoney(row.credit),
        status: row.status === 'validated' ? 'Validée' : 'Brouillon',
      }
    }
  }
  await streamWorkbook(output, { name: 'Écritures', columns: LEDGER_LINE_COLUMNS }, rows())
}

/** Grand livre (GeneralLedgerLines): same lines with a running balance per account, streamed. */
export async function streamGeneralLedgerWorkbook(
  output: Writable,
  lines: AsyncIterable<GeneralLedgerLine>
) {
  await streamWorkbook(
    output,
    {
      name: 'Grand livre',
      columns: [
        { header: 'Compte', key: 'account_number', type: 'text', width: 12 },
        { header: 'Intitulé du compte', key: 'account_label', type: 'text', width: 30 },
        { header: 'Date', key: 'entry_date', type: 'date' },
        { header: 'Journal', key: 'journal_code', type: 'text', width: 8 },
        { header: 'N° écriture', key: 'number', type: 'text', width: 12 },
        { header: 'Pièce', key: 'piece_ref', type: 'text', width: 12 },
        { header: 'Libellé', key: 'label', type: 'text', width: 40 },
        { header: 'Débit', key: 'debit', type: 'money' },
        { header: 'Crédit', key: 'credit', type: 'money' },
        { header: 'Solde', key: 'balance', type: 'money' },
      ],
    },
    lines as AsyncIterable<unknown> as AsyncIterable<Row>
  )
}

export function trialBalanceWorkbook(balance: TrialBalance) {
  const money = (header: string, key: string): ColumnSpec => ({ header, key, type: 'money' })
  return buildWorkbook([
    {
      name: 'Balance générale',
      columns: [
        { header: 'Compte', key: 'accountNumber', type: 'text', width: 12 },
        { header: 'Intitulé', key: 'accountLabel', type: 'text', width: 40 },
        money('Solde d’ouverture débit', 'openingDebit'),
        money('Solde d’ouverture crédit', 'openingCredit'),
        money('Mouvements débit', 'movementDebit'),
        money('Mouvements crédit', 'movementCredit'),
        money('Solde de clôture débit', 'closingDebit'),
        money('Solde de clôture crédit', 'closingCredit'),
      ],
      rows: [
        ...balance.rows,
        { accountNumber: 'Total', accountLabel: '', ...balance.totals },
      ] as unknown as Row[],
    },
  ])
}

/** The fiscal years of the accounting home. */
export function fiscalYearsWorkbook(years: FiscalYearRow[]) {
  return buildWorkbook([
    {
      name: 'Exercices',
      columns: [
        { header: 'Exercice', key: 'label', type: 'text' },
        { header: 'Début', key: 'start_date', type: 'date' },
        { header: 'Fin', key: 'end_date', type: 'date' },
        { header: 'Statut', key: 'status', type: 'text' },
      ],
      rows: years.map((y) => ({ ...y, status: labelOf(FISCAL_YEAR_STATUSES, y.status) })),
    },
  ])
}

/** One entry's lines. */
export function entryWorkbook(lines: Row[]) {
  return buildWorkbook([
    {
      name: 'Écriture',
      columns: [
        { header: 'Compte', key: 'account_number', type: 'text', width: 12 },
        { header: 'Intitulé', key: 'account_label', type: 'text', width: 30 },
        { header: 'Libellé', key: 'label', type: 'text', width: 40 },
        { header: 'Tiers', key: 'aux_number', type: 'text' },
        { header: 'Débit', key: 'debit', type: 'money' },
        { header: 'Crédit', key: 'credit', type: 'money' },
      ],
      rows: lines,
    },
  ])
}

/** The chart of accounts. */
export function chartOfAccountsWorkbook(accounts: ChartAccount[]) {
  return buildWorkbook([
    {
      name: 'Plan comptable',
      columns: [
        { header: 'Compte', key: 'number', type: 'text', width: 12 },
        { header: 'Intitulé', key: 'label', type: 'text', width: 50 },
        { header: 'Classe', key: 'account_class', type: 'integer' },
        { header: 'Compte parent', key: 'parent_number', type: 'text', width: 12 },
        { header: 'À partir de', key: 'valid_from_year', type: 'integer' },
        { header: 'Jusqu’en', key: 'valid_to_year', type: 'integer' },
      ],
      rows: accounts as unknown as Row[],
    },
  ])
}

/** The errors of a rejected FEC file. */
export function fecErrorsWorkbook(errors: FecFileError[]) {
  return buildWorkbook([
    {
      name: 'Erreurs',
      columns: [
        { header: 'Ligne', key: 'line', type: 'integer' },
        { header: 'Champ', key: 'field', type: 'text', width: 16 },
        { header: 'Valeur', key: 'value', type: 'text', width: 30 },
        { header: 'Motif', key: 'reason', type: 'text', width: 70 },
      ],
      rows: errors as unknown as Row[],
    },
  ])
}
