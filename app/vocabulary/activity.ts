/**
 * The activity domain's enumerations, each once, with its French labels (docs/architecture.md,
 * "Vocabulary"). Validators read `codesOf(...)`, models, reports, imports and views the labels.
 * The CHECKs of migration 0500 read the codes.
 */

/** Level of a programme (dispositif). */
export const PROGRAMME_LEVELS = {
  national: 'National',
  regional: 'Régional',
  departmental: 'Départemental',
  regional_departmental: 'Régional / départemental',
  own: 'Propre à la Mission Locale',
} as const

/** Nature of a territory: an antenna (root) or one of its areas. */
export const TERRITORY_KINDS = {
  antenna: 'Antenne',
  quartier: 'Quartier',
  epci: 'EPCI',
  commune: 'Commune',
  area: 'Secteur',
  unknown: 'Non renseigné',
} as const

/** Breakdown dimensions an indicator value may carry. */
export const BREAKDOWNS = {
  age_band: "Tranche d'âge",
  level: 'Niveau',
  attained_level: 'Niveau atteint',
  housing: 'Logement',
  channel: 'Canal',
  theme: 'Thème',
  service_type: 'Type de service',
  contract_type: 'Type de contrat',
  first_welcome_year: 'Année de premier accueil',
  sector: "Secteur d'activité",
  funding: 'Financement',
  measure: 'Mesure',
} as const

/** Unit of an indicator. */
export const INDICATOR_UNITS = {
  count: 'nombre',
  percent: '%',
  ratio: 'ratio',
  hours: 'heures',
  days: 'jours',
  eur: '€',
} as const

/** Where a stored value comes from (an import is labelled with its number and file). */
export const VALUE_SOURCES = {
  import: 'Import',
  demo: 'Démonstration',
  manual: 'Saisie',
} as const

export type ProgrammeLevel = keyof typeof PROGRAMME_LEVELS
export type TerritoryKind = keyof typeof TERRITORY_KINDS
export type Breakdown = keyof typeof BREAKDOWNS
export type IndicatorUnit = keyof typeof INDICATOR_UNITS

const CODE_TAKEN = 'Ce code est déjà utilisé.'
const TREE_RULE =
  'Valeur refusée par une règle de cohérence : une antenne n’a pas de rattachement, un secteur se rattache à une antenne.'

/** French refusals of the referential's named constraints (start/refusals.ts registers them). */
export const ACTIVITY_CONSTRAINT_MESSAGES: Record<string, string> = {
  programmes_organisation_id_code_unique: CODE_TAKEN,
  programmes_level_known: TREE_RULE,
  territories_organisation_id_code_unique: CODE_TAKEN,
  territories_kind_known: TREE_RULE,
  territories_antenna_is_root: TREE_RULE,
  territories_not_own_parent: TREE_RULE,
}
