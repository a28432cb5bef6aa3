import { vocabularies } from '#vocabulary/labels'

/**
 * The reconciliation domain's enumerations, each once, with their French labels
 * (docs/architecture.md, "Vocabulary"). The CHECKs of migration 7000 read the codes.
 */

export const { CHECK_STATUSES, CHECK_FAMILIES, CHECK_DOMAINS, RUN_TRIGGERS, PUBLISHED_UNITS } =
  vocabularies({
    /**
     * Outcome of a check. A discrepancy is two sources of one figure that disagree; an atypical
     * value is a single ratio far from its peers or from N-1 (funding checks): a signal to
     * explain, never counted among the discrepancies.
     */
    CHECK_STATUSES: {
      ok: 'Concordant',
      rounding: 'Arrondi',
      discrepancy: 'Écart',
      atypical: 'Valeur atypique',
      missing_data: 'Données manquantes',
    },
    /** Family of a check (one file of app/reconciliation each). */
    CHECK_FAMILIES: {
      activity: 'Activité',
      accounting: 'Comptabilité',
      cross_domain: 'Entre domaines',
      published: 'Rapport publié',
      funding: 'Financements',
    },
    /** Domains a check reads (a check's domain is one or several codes joined by '+'). */
    CHECK_DOMAINS: {
      accounting: 'Comptabilité',
      activity: 'Activité',
      grants: 'Financements',
      hr: 'Ressources humaines',
      reconciliation: 'Rapport publié',
    },
    /** What started a run (shown as its code on the page, as before). */
    RUN_TRIGGERS: {
      manual: 'Manuel',
      import: 'Import',
      command: 'Commande',
      demo: 'Démonstration',
    },
    /** Unit of a published value (docs/imports/rapport-publie.md). */
    PUBLISHED_UNITS: {
      count: 'Nombre',
      percent: 'Pourcentage',
      evolution: 'Évolution',
      ratio: 'Ratio',
      eur: 'Euros',
    },
  })

/** Tables of the published report, as the reconciliation results name them. */
export const PUBLISHED_TABLES: Record<string, string> = {
  key_figures: 'Chiffres clés',
  public: 'Public accompagné',
  territories: 'Territoires',
  territory_areas: 'Secteurs des antennes',
  programmes: 'Dispositifs',
  programme_details: 'Pages des dispositifs',
  outcomes: 'Emploi et formation',
  contacts_by_channel: 'Contacts par canal',
  services_by_theme: 'Services par thème',
  services_by_type: 'Types de service',
  top_sectors: 'Secteurs des contrats',
  age_of_young_people_supported: 'Âge des jeunes accompagnés',
  age_at_first_welcome: 'Âge au premier accueil',
  validated_level: 'Niveau validé',
  attained_level: 'Niveau atteint',
  housing: 'Logement',
  first_welcome_year: 'Année de premier accueil',
  headcount_by_contract: 'Effectif par contrat',
  headcount_by_job_reference: 'Effectif par emploi repère',
  hires: 'Embauches',
  departures: 'Départs',
  average_seniority_years: 'Ancienneté moyenne',
  seniority_bands: "Tranches d'ancienneté",
  gender_equality_index: "Index de l'égalité professionnelle",
  income_statement: 'Compte de résultat',
  balance_sheet: 'Bilan',
}

/** Columns of the published tables, in French; 'total_2022' is « Total 2022 ». */
export const PUBLISHED_COLUMNS: Record<string, string> = {
  F: 'femmes',
  H: 'hommes',
  total: 'total',
  count: 'effectif',
  value: 'valeur',
  evolution: 'évolution',
  percent: 'part',
  share: 'part',
  score: 'note',
  amount: 'montant',
  beneficiaries: 'bénéficiaires',
  jeunes_accompagnes: 'jeunes accompagnés',
  premiers_accueils: 'premiers accueils',
  premiers_accueils_evolution: 'évolution des premiers accueils',
}

/** A published table's name in French (its code when Socle has no label for it). */
export function publishedTable(key: string) {
  return PUBLISHED_TABLES[key] ?? key.replaceAll('_', ' ')
}

/** A published column's name in French: « total 2022 », « femmes »... */
export function publishedColumn(key: string) {
  const dated = /^total_(\d{4})$/.exec(key)
  if (dated) return `total ${dated[1]}`
  return PUBLISHED_COLUMNS[key] ?? key.replaceAll('_', ' ')
}

/** A check's domain in French: 'grants+accounting' is « Financements et comptabilité ». */
export function domainLabel(domain: string) {
  const labels = domain
    .split('+')
    .map((code) => (CHECK_DOMAINS as Record<string, string>)[code] ?? code)
  if (labels.length === 1) return labels[0]
  const rest = labels.slice(1).map((label) => label.toLowerCase())
  return `${[labels[0], ...rest.slice(0, -1)].join(', ')} et ${rest[rest.length - 1]}`
}

export type CheckStatus = keyof typeof CHECK_STATUSES
export type CheckFamily = keyof typeof CHECK_FAMILIES
export type RunTrigger = keyof typeof RUN_TRIGGERS
export type PublishedUnit = keyof typeof PUBLISHED_UNITS
