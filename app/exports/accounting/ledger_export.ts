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
import { col } from '#support/spreadsheet/columns'

export const LEDGER_LINE_COLUMNS: ColumnSpec[] = [
  col.text('Journal', 'journal_code', 8),
  col.text('N° écriture', 'number', 12),
  col.date('Date', 'entry_date'),
  col.text('Compte', 'account_number', 12),
  col.text('Intitulé du compte', 'account_label', 30),
  col.text('Compte auxiliaire', 'aux_number', 12),
  col.text('Pièce', 'piece_ref', 12),
  col.text('Libellé', 'label', 40),
  col.money('Débit', 'debit'),
  col.money('Crédit', 'credit'),
  col.text('Lettrage', 'lettering', 8),
  col.text('Statut', 'status', 10),
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
        col.text('Compte', 'account_number', 12),
        col.text('Intitulé du compte', 'account_label', 30),
        col.date('Date', 'entry_date'),
        col.text('Journal', 'journal_code', 8),
        col.text('N° écriture', 'number', 12),
        col.text('Pièce', 'piece_ref', 12),
        col.text('Libellé', 'label', 40),
        col.money('Débit', 'debit'),
        col.money('Crédit', 'credit'),
        col.money('Solde', 'balance'),
      ],
    },
    lines as AsyncIterable<unknown> as AsyncIterable<Row>
  )
}

export function trialBalanceWorkbook(balance: TrialBalance) {
  return buildWorkbook([
    {
      name: 'Balance générale',
      columns: [
        col.text('Compte', 'accountNumber', 12),
        col.text('Intitulé', 'accountLabel', 40),
        col.money('Solde d’ouverture débit', 'openingDebit'),
        col.money('Solde d’ouverture crédit', 'openingCredit'),
        col.money('Mouvements débit', 'movementDebit'),
        col.money('Mouvements crédit', 'movementCredit'),
        col.money('Solde de clôture débit', 'closingDebit'),
        col.money('Solde de clôture crédit', 'closingCredit'),
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
        col.text('Exercice', 'label'),
        col.date('Début', 'start_date'),
        col.date('Fin', 'end_date'),
        col.text('Statut', 'status'),
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
        col.text('Compte', 'account_number', 12),
        col.text('Intitulé', 'account_label', 30),
        col.text('Libellé', 'label', 40),
        col.text('Tiers', 'aux_number'),
        col.money('Débit', 'debit'),
        col.money('Crédit', 'credit'),
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
        col.text('Compte', 'number', 12),
        col.text('Intitulé', 'label', 50),
        col.integer('Classe', 'account_class'),
        col.text('Compte parent', 'parent_number', 12),
        col.integer('À partir de', 'valid_from_year'),
        col.integer('Jusqu’en', 'valid_to_year'),
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
        col.integer('Ligne', 'line'),
        col.text('Champ', 'field', 16),
        col.text('Valeur', 'value', 30),
        col.text('Motif', 'reason', 70),
      ],
      rows: errors as unknown as Row[],
    },
  ])
}
