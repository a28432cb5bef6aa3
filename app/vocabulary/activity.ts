import { refusals, vocabularies } from '#vocabulary/labels'

/**
 * The activity domain's enumerations, each once, with its French labels (docs/architecture.md,
 * "Vocabulary"). Validators read `codesOf(...)`, models, reports, imports and views the labels.
 * The CHECKs of migration 0500 read the codes.
 */

export const { PROGRAMME_LEVELS, TERRITORY_KINDS, BREAKDOWNS, INDICATOR_UNITS, VALUE_SOURCES } =
  vocabularies({
    /** Level of a programme (dispositif). */
    PROGRAMME_LEVELS: {
      national: 'National',
      regional: 'Régional',
      departmental: 'Départemental',
      regional_departmental: 'Régional / départemental',
      own: 'Propre à la Mission Locale',
    },
    /** Nature of a territory: an antenna (root) or one of its areas. */
    TERRITORY_KINDS: {
      antenna: 'Antenne',
      quartier: 'Quartier',
      epci: 'EPCI',
      commune: 'Commune',
      area: 'Secteur',
      unknown: 'Non renseigné',
    },
    /** Breakdown dimensions an indicator value may carry. */
    BREAKDOWNS: {
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
    },
    /** Unit of an indicator. */
    INDICATOR_UNITS: {
      count: 'nombre',
      percent: '%',
      ratio: 'ratio',
      hours: 'heures',
      days: 'jours',
      eur: '€',
    },
    /** Where a stored value comes from (an import is labelled with its number and file). */
    VALUE_SOURCES: {
      import: 'Import',
      demo: 'Démonstration',
      manual: 'Saisie',
    },
  })

export type ProgrammeLevel = keyof typeof PROGRAMME_LEVELS
export type TerritoryKind = keyof typeof TERRITORY_KINDS
export type Breakdown = keyof typeof BREAKDOWNS
export type IndicatorUnit = keyof typeof INDICATOR_UNITS

/** French refusals of the referential's named constraints (start/refusals.ts registers them). */
export const ACTIVITY_CONSTRAINT_MESSAGES: Record<string, string> = refusals(
  [
    'Ce code est déjà utilisé.',
    ['programmes_organisation_id_code_unique', 'territories_organisation_id_code_unique'],
  ],
  [
    'Valeur refusée par une règle de cohérence : une antenne n’a pas de rattachement, un secteur se rattache à une antenne.',
    [
      'programmes_level_known',
      'territories_kind_known',
      'territories_antenna_is_root',
      'territories_not_own_parent',
    ],
  ]
)
