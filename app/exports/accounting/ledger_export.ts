import type { Writable } from 'node:stream'
import { Decimal } from 'decimal.js'
import {
  buildWorkbook,
  streamWorkbook,
  type ColumnSpec,
  type Row,
} from '#support/spreadsheet/writer'
import { streamLedgerLines, type LedgerFilters } from '#reports/accounting/ledger_lines'
import type { TrialBalance } from '#reports/accounting/trial_balance'

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

/** Streams every line matching the filters into an xlsx written to `output` (bounded memory). */
export async function streamLedgerLinesWorkbook(
  output: Writable,
  organisationId: number,
  filters: LedgerFilters
) {
  async function* rows() {
    for await (const row of streamLedgerLines(organisationId, filters, 'date')) {
      yield {
        ...row,
        label: row.label ?? row.entry_label,
        debit: new Decimal(row.debit),
        credit: new Decimal(row.credit),
        status: row.status === 'validated' ? 'Validée' : 'Brouillon',
      }
    }
  }
  await streamWorkbook(output, { name: 'Écritures', columns: LEDGER_LINE_COLUMNS }, rows())
}

/** Grand livre: same lines with a running balance per account, streamed. */
export async function streamGeneralLedgerWorkbook(
  output: Writable,
  organisationId: number,
  filters: LedgerFilters
) {
  const { streamGeneralLedger } = await import('#reports/accounting/general_ledger')
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
    streamGeneralLedger(organisationId, filters) as AsyncIterable<unknown> as AsyncIterable<Row>
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
