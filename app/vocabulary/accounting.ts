import { vocabularies } from '#vocabulary/labels'

/**
 * The accounting domain's enumerations with their French labels, defined once
 * (docs/architecture.md, "Vocabulary"). Validators read `codesOf(...)`, views and exports the
 * labels, the CHECKs of the ledger and statement migrations the codes.
 */

/** Fiscal years: open until closed (year-end), reopened by an administrator. */
export const FISCAL_YEAR_STATUSES = { open: 'Ouvert', closed: 'Clôturé' } as const
export type FiscalYearStatus = keyof typeof FISCAL_YEAR_STATUSES

/** Entries: drafts are edited, validated entries are sealed in the hash chain. */
export const ENTRY_STATUSES = { draft: 'Brouillon', validated: 'Validée' } as const
export type EntryStatus = keyof typeof ENTRY_STATUSES

/** Budget versions (one of each per fiscal year and layout). */
export const BUDGET_VERSION_KINDS = { initial: 'Initiale', revised: 'Révisée' } as const
export type BudgetVersionKind = keyof typeof BUDGET_VERSION_KINDS

/** Budgets: a draft takes amounts, an approved budget does not change any more. */
export const BUDGET_STATUSES = { draft: 'Brouillon', approved: 'Approuvé' } as const
export type BudgetStatus = keyof typeof BUDGET_STATUSES

export const {
  STATEMENT_KINDS,
  STATEMENT_SECTIONS,
  STATEMENT_LINE_KINDS,
  FEC_IMPORT_STATUSES,
  STATEMENT_SLUGS,
  ACCOUNT_CLASSES,
  OVERHEAD_KEYS,
} = vocabularies({
  /** The two financial statements a layout presents. */
  STATEMENT_KINDS: {
    income_statement: 'Compte de résultat',
    balance_sheet: 'Bilan',
  },
  /** Sections of a statement layout. */
  STATEMENT_SECTIONS: {
    charges: 'Charges',
    produits: 'Produits',
    resultat: 'Résultat',
    actif: 'Actif',
    passif: 'Passif',
  },
  /** Kinds of line of a statement layout ("Détail (dont)" is a line flagged `of_which`). */
  STATEMENT_LINE_KINDS: {
    heading: 'Titre',
    line: 'Ligne',
    subtotal: 'Sous-total',
    total: 'Total',
  },
  /** States of a FEC import as the screens show them (the imports table's status). */
  FEC_IMPORT_STATUSES: {
    running: 'En cours',
    committed: 'Importé',
    rejected: 'Refusé',
  },
  /** The statements as they appear in URLs (the drill-down of a line). */
  STATEMENT_SLUGS: {
    'compte-de-resultat': 'Compte de résultat',
    'bilan': 'Bilan',
  },
  /** The classes of the chart of accounts, by the first digit of an account number. */
  ACCOUNT_CLASSES: {
    '1': 'Classe 1 – Capitaux',
    '2': 'Classe 2 – Immobilisations',
    '3': 'Classe 3 – Stocks',
    '4': 'Classe 4 – Tiers',
    '5': 'Classe 5 – Financiers',
    '6': 'Classe 6 – Charges',
    '7': 'Classe 7 – Produits',
    '8': 'Classe 8 – Contributions volontaires',
  },
  /**
   * How the cost per programme spreads the overheads (charges on lines without a programme):
   * in proportion to the staff time, the direct costs or the revenue of each programme.
   */
  OVERHEAD_KEYS: {
    etp: 'Temps de personnel affecté (ETP)',
    couts_directs: 'Coûts directs',
    produits: 'Produits',
  },
})
export type OverheadKey = keyof typeof OVERHEAD_KEYS
export type StatementKind = keyof typeof STATEMENT_KINDS

export type StatementSection = keyof typeof STATEMENT_SECTIONS

export type StatementLineKind = keyof typeof STATEMENT_LINE_KINDS
export const OF_WHICH_LABEL = 'Détail (dont)'

export type StatementSlug = keyof typeof STATEMENT_SLUGS

/** French refusals of the ledger's named constraints (start/refusals.ts registers them). */
export const ACCOUNTING_CONSTRAINT_MESSAGES: Record<string, { message: string; field?: string }> = {
  result_allocations_resolution_required: {
    message: 'Choisissez la résolution de l’assemblée générale qui affecte le résultat.',
    field: 'resolutionId',
  },
  result_allocations_resolution_unique: {
    message: 'Cette résolution fonde déjà l’affectation du résultat d’un autre exercice.',
    field: 'resolutionId',
  },
  result_allocations_resolution_fk: {
    message:
      'Cette résolution fonde l’affectation du résultat enregistrée en comptabilité : elle ne peut pas être supprimée.',
  },
}
