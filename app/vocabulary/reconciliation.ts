/**
 * The reconciliation domain's enumerations, each once, with their French labels
 * (docs/architecture.md, "Vocabulary"). The CHECKs of migration 7000 read the codes.
 */

/** Outcome of a check. */
export const CHECK_STATUSES = {
  ok: 'Concordant',
  rounding: 'Arrondi',
  discrepancy: 'Écart',
  missing_data: 'Données manquantes',
} as const

/** Family of a check (one file of app/reconciliation each). */
export const CHECK_FAMILIES = {
  activity: 'Activité',
  accounting: 'Comptabilité',
  cross_domain: 'Entre domaines',
  published: 'Rapport publié',
  funding: 'Financements',
} as const

/** What started a run (shown as its code on the page, as before). */
export const RUN_TRIGGERS = {
  manual: 'Manuel',
  import: 'Import',
  command: 'Commande',
  demo: 'Démonstration',
} as const

/** Unit of a published value (docs/imports/rapport-publie.md). */
export const PUBLISHED_UNITS = {
  count: 'Nombre',
  percent: 'Pourcentage',
  evolution: 'Évolution',
  ratio: 'Ratio',
  eur: 'Euros',
} as const

export type CheckStatus = keyof typeof CHECK_STATUSES
export type CheckFamily = keyof typeof CHECK_FAMILIES
export type RunTrigger = keyof typeof RUN_TRIGGERS
export type PublishedUnit = keyof typeof PUBLISHED_UNITS
