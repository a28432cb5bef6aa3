/**
 * The core domain's enumerations, each once, with its French labels (docs/architecture.md,
 * "Vocabulary"). The role matrix (app/policies/role_matrix.ts), validators, models, exports and
 * views read them. The CHECKs of the core migration hold the same codes (a migration is frozen
 * once run).
 */

/** Roles of a user; what each may do is the role matrix's business. */
export const ROLE_LABELS = {
  admin: 'Administration',
  direction: 'Direction',
  finance: 'Finances',
  hr: 'Ressources humaines',
  board: 'Administrateur (CA)',
  quality: 'Qualité',
} as const
export type Role = keyof typeof ROLE_LABELS

/** Every role, in their declared order (a tuple, for `vine.enum` and the role matrix). */
export const ROLES = Object.keys(ROLE_LABELS) as [Role, ...Role[]]

/** State of an import (`imports.status`); 'running' is shown for older rows only. */
export const IMPORT_STATUSES = {
  previewed: 'aperçu',
  committed: 'enregistré',
  rejected: 'refusé',
  running: 'en cours',
} as const
export type ImportStatus = keyof typeof IMPORT_STATUSES

/** Domains of the audit journal (`audit_events.domain`). */
export const AUDIT_DOMAINS = {
  core: 'Socle',
  accounting: 'Comptabilité',
  grants: 'Subventions',
  hr: 'Ressources humaines',
  governance: 'Gouvernance',
  quality: 'Qualité',
  activity: 'Activité',
  reconciliation: 'Rapprochements',
} as const
export type AuditDomain = keyof typeof AUDIT_DOMAINS

/** The usual actions of the audit journal; domains record others too (their own verbs). */
export const AUDIT_ACTIONS = {
  create: 'Création',
  update: 'Modification',
  delete: 'Suppression',
} as const
