import type { SheetSpec, Row } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'
import { labelOf } from '#vocabulary/labels'
import { MATCH_TARGETS } from '#vocabulary/bank'
import type { BankAccountRow } from '#reports/bank/bank_accounts'
import type { BankOperationsWorkbook } from '#reports/bank/bank_operations'
import type { MatchingPage } from '#reports/bank/matching_page'
import type { ReconciliationStatement } from '#reports/bank/reconciliation_statement'

type Sheet = SheetSpec & { rows: Iterable<Row> }

/** The columns of an operation or a ledger line that several sheets show. */
const day = col.date('Date', 'day')
const label = col.text('Libellé', 'label', 50)
const reference = col.text('Référence', 'reference', 24)
const amount = col.money('Montant', 'amount')
const unmatchedOperationColumns = [day, label, reference, amount]

/** The organisation's bank accounts with their latest balance. */
export function bankAccountsSheet(accounts: BankAccountRow[]): Sheet {
  return {
    name: 'Comptes bancaires',
    columns: [
      col.text('Compte', 'name', 30),
      col.text('IBAN', 'ibanText', 36),
      col.text('BIC', 'bic', 14),
      col.text('Compte comptable', 'accountNumber', 12),
      col.integer('Relevés', 'statements'),
      col.date('Dernier relevé au', 'balanceDay'),
      col.money('Solde bancaire', 'balance'),
      col.integer('Opérations non rapprochées', 'unmatched'),
      col.money('Montant non rapproché', 'unmatchedTotal'),
    ],
    rows: accounts,
  }
}

type Operations = Awaited<ReturnType<BankOperationsWorkbook['build']>>

/** A bank account's statements and operations. */
export function bankOperationsSheets(data: Operations): Sheet[] {
  return [
    {
      name: 'Relevés',
      columns: [
        col.text('Référence', 'reference', 30),
        col.text('Format', 'formatLabel', 20),
        col.text('Fichier', 'fileName', 30),
        col.date('Du', 'openingDate'),
        col.date('Au', 'closingDate'),
        col.money('Solde d’ouverture', 'openingBalance'),
        col.money('Solde de clôture', 'closingBalance'),
        col.integer('Opérations ajoutées', 'operationsCount'),
        col.integer('Déjà importées', 'skippedCount'),
        col.text('Alerte', 'warning', 50),
      ],
      rows: data.statements,
    },
    {
      name: 'Opérations',
      columns: [
        col.text('Relevé', 'statement', 24),
        day,
        col.date('Date de valeur', 'valueDay'),
        label,
        reference,
        col.text('Contrepartie', 'counterparty', 24),
        amount,
        col.text('Rapprochée avec', 'matchedWith', 40),
      ],
      rows: data.operations,
    },
  ]
}

type Matching = Awaited<ReturnType<MatchingPage['build']>>

/** The matching page: proposals, unmatched operations and ledger lines, matches. */
export function matchingSheets(page: Matching): Sheet[] {
  return [
    {
      name: 'Propositions',
      columns: [
        day,
        col.text('Opération', 'label', 40),
        amount,
        col.text('Proposition', 'candidate', 50),
        col.text('Nature', 'target', 24),
        col.date('Date proposée', 'candidateDay'),
        col.text('Sans ambiguïté', 'unambiguous', 12),
      ],
      rows: page.proposals.flatMap((p) =>
        p.candidates.map((c) => ({
          day: p.operation.day,
          label: p.operation.label,
          amount: p.operation.amount,
          candidate: c.label,
          target: labelOf(MATCH_TARGETS, c.target),
          candidateDay: c.day,
          unambiguous: p.unambiguous ? 'oui' : 'non',
        }))
      ),
    },
    {
      name: 'Opérations non rapprochées',
      columns: unmatchedOperationColumns,
      rows: page.operations,
    },
    {
      name: 'Écritures non rapprochées',
      columns: [
        day,
        label,
        col.text('Pièce', 'pieceRef', 16),
        col.money('Montant (débit − crédit)', 'amount'),
      ],
      rows: page.lines,
    },
    {
      name: 'Rapprochements',
      columns: [
        col.text('Fait le', 'createdAt', 18),
        col.text('Par', 'user', 24),
        col.text('Origine', 'originLabel', 22),
        col.text('Opérations', 'operations', 50),
        amount,
        col.text('Note', 'note', 30),
      ],
      rows: page.matches,
    },
  ]
}

type Statement = Awaited<ReturnType<ReconciliationStatement['build']>>

/** The reconciliation statement: the figures, then the unmatched items of each side. */
export function reconciliationSheets(statement: Statement): Sheet[] {
  return [
    {
      name: 'État de rapprochement',
      columns: [col.text('Poste', 'label', 60), amount],
      rows: [
        { label: `Solde bancaire au ${statement.date}`, amount: statement.bankBalance },
        { label: '+ Écritures comptables pas encore en banque', amount: statement.ledgerNotAtBank },
        {
          label: '− Opérations bancaires pas encore comptabilisées',
          amount: statement.bankNotInLedger,
        },
        { label: '= Solde bancaire rectifié', amount: statement.adjustedBank },
        {
          label: `Solde comptable du compte ${statement.account.accountNumber}`,
          amount: statement.ledgerBalance,
        },
        { label: 'Écart non expliqué', amount: statement.unexplained },
      ],
    },
    {
      name: 'Écritures pas en banque',
      columns: [day, label, col.text('Pièce', 'reference', 16), amount],
      rows: statement.ledgerUnmatched,
    },
    {
      name: 'Opérations pas en compta',
      columns: unmatchedOperationColumns,
      rows: statement.bankUnmatched,
    },
  ]
}
