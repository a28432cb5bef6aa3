import { vocabularies } from '#vocabulary/labels'

/**
 * The core domain's enumerations, each once, with its French labels (docs/architecture.md,
 * "Vocabulary"). The role matrix (app/policies/role_matrix.ts), validators, models, exports and
 * views read them, and the CHECKs of the core migrations their codes.
 */

export const {
  ROLE_LABELS,
  IMPORT_STATUSES,
  AUDIT_DOMAINS,
  AUDIT_ACTIONS,
  ONE_TIME_LINK_PURPOSES,
  EQUALITY_SIZE_BANDS,
} = vocabularies({
  /**
   * Roles of a user in an organisation (a membership); what each may do is the role matrix's
   * business. 'network' belongs to a regional association: it reads the consolidated figures of
   * the member organisations that agreed to share them, and nothing else (ADR 9).
   */
  ROLE_LABELS: {
    admin: 'Administration',
    direction: 'Direction',
    finance: 'Finances',
    hr: 'Ressources humaines',
    board: 'Administrateur (CA)',
    quality: 'Qualité',
    network: 'Réseau (chiffres consolidés)',
  },
  /** State of an import (`imports.status`); 'running' is shown for older rows only. */
  IMPORT_STATUSES: {
    previewed: 'aperçu',
    running: 'en cours',
    committed: 'enregistré',
    rejected: 'refusé',
  },
  /** Domains of the audit journal (`audit_events.domain`). */
  AUDIT_DOMAINS: {
    core: 'Socle',
    accounting: 'Comptabilité',
    grants: 'Subventions',
    hr: 'Ressources humaines',
    governance: 'Gouvernance',
    quality: 'Qualité',
    activity: 'Activité',
    reconciliation: 'Rapprochements',
  },
  /** The usual actions of the audit journal; domains record others too (their own verbs). */
  AUDIT_ACTIONS: {
    create: 'Création',
    update: 'Modification',
    delete: 'Suppression',
  },
  /**
   * Purposes of a single-use link (`one_time_links.purpose`): a first password for an
   * organisation's first admin (welcome) or an invited person (invitation), a new one after a
   * forgotten one (reset).
   */
  ONE_TIME_LINK_PURPOSES: {
    welcome: 'bienvenue',
    invitation: 'invitation',
    reset: 'réinitialisation du mot de passe',
  },
  /**
   * Size band of the equality index (`organisations.equality_size_band`): 'auto' follows the
   * average headcount of the register; the others are the band the organisation declares.
   */
  EQUALITY_SIZE_BANDS: {
    auto: 'Selon l’effectif moyen du registre du personnel',
    under_50: 'Moins de 50 salariés (index non obligatoire)',
    from_50_to_250: 'De 50 à 250 salariés (quatre indicateurs)',
    over_250: 'Plus de 250 salariés (cinq indicateurs)',
  },
})
export type Role = keyof typeof ROLE_LABELS

/** Every role, in their declared order (a tuple, for `vine.enum` and the role matrix). */
export const ROLES = Object.keys(ROLE_LABELS) as [Role, ...Role[]]

export type ImportStatus = keyof typeof IMPORT_STATUSES

export type AuditDomain = keyof typeof AUDIT_DOMAINS

export type OneTimeLinkPurpose = keyof typeof ONE_TIME_LINK_PURPOSES

/**
 * Chart of accounts an organisation keeps (`organisations.chart_version`). The accounts
 * themselves are versioned by fiscal year (ANC 2022-06 applies from the years opened in 2025).
 */
export const CHART_VERSIONS = {
  anc_2018_06:
    'Plan comptable des associations (règlement ANC 2018-06, modifié par ANC 2022-06 pour les exercices ouverts à partir de 2025)',
} as const
export type ChartVersion = keyof typeof CHART_VERSIONS

export type EqualitySizeBand = keyof typeof EQUALITY_SIZE_BANDS

/** Months of the year, January first (`organisations.fiscal_year_start_month` is 1 to 12). */
export const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const

/** Image types an organisation logo may have, judged by content (`organisation_logos`). */
export const LOGO_TYPES = { 'image/png': 'image PNG', 'image/jpeg': 'image JPEG' } as const
export type LogoType = keyof typeof LOGO_TYPES
