/**
 * The accounting domain's enumerations with their French labels, defined once
 * (docs/architecture.md, "Vocabulary"). Validators read `codesOf(...)`, views and exports the
 * labels.
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

/** The two financial statements a layout presents. */
export const STATEMENT_KINDS = {
  income_statement: 'Compte de résultat',
  balance_sheet: 'Bilan',
} as const
export type StatementKind = keyof typeof STATEMENT_KINDS

/** Sections of a statement layout. */
export const STATEMENT_SECTIONS = {
  charges: 'Charges',
  produits: 'Produits',
  resultat: 'Résultat',
  actif: 'Actif',
  passif: 'Passif',
} as const
export type StatementSection = keyof typeof STATEMENT_SECTIONS

/** Kinds of line of a statement layout ("Détail (dont)" is a line flagged `of_which`). */
export const STATEMENT_LINE_KINDS = {
  heading: 'Titre',
  line: 'Ligne',
  subtotal: 'Sous-total',
  total: 'Total',
} as const
export type StatementLineKind = keyof typeof STATEMENT_LINE_KINDS
export const OF_WHICH_LABEL = 'Détail (dont)'

/** States of a FEC import as the screens show them (the imports table's status). */
export const FEC_IMPORT_STATUSES = {
  running: 'En cours',
  committed: 'Importé',
  rejected: 'Refusé',
} as const

/** The statements as they appear in URLs (the drill-down of a line). */
export const STATEMENT_SLUGS = {
  'compte-de-resultat': 'Compte de résultat',
  'bilan': 'Bilan',
} as const
export type StatementSlug = keyof typeof STATEMENT_SLUGS
