import type { IndicatorUnit } from '#vocabulary/activity'

export interface CatalogueEntry {
  code: string
  label: string
  unit: IndicatorUnit
  dimensions?: string[]
  byProgramme?: boolean
  byTerritory?: boolean
  /** Its breakdown lists some modalities only (top sectors, figures of a page): no sum expected. */
  partial?: boolean
  description?: string
}

/**
 * The standard indicator catalogue of a Mission Locale (the aggregated tables i-milo exports
 * and the annual report prints). Percent indicators hold shares that only exist as shares
 * (contacts by channel...); shares of counted tables are computed, never stored.
 */
export const INDICATOR_CATALOGUE: CatalogueEntry[] = [
  {
    code: 'jeunes_accompagnes',
    label: 'Jeunes accompagnés',
    unit: 'count',
    dimensions: ['age_band', 'level', 'attained_level', 'housing', 'first_welcome_year'],
    byTerritory: true,
  },
  {
    code: 'primo_accueillis',
    label: 'Jeunes en premier accueil (primo-accueillis)',
    unit: 'count',
    dimensions: ['age_band'],
    byTerritory: true,
  },
  { code: 'contacts_jeunes', label: 'Contacts jeunes', unit: 'count' },
  { code: 'entretiens_individuels', label: 'Entretiens individuels', unit: 'count' },
  {
    code: 'entretiens_individuels_collectifs',
    label: 'Entretiens individuels et collectifs',
    unit: 'count',
  },
  {
    code: 'jeunes_dispositif_renforce',
    label: 'Jeunes accompagnés dans un dispositif renforcé',
    unit: 'count',
  },
  { code: 'points_accueil', label: "Points d'accueil", unit: 'count' },
  { code: 'salaries', label: 'Nombre de salariés (publié)', unit: 'count' },
  { code: 'budget', label: 'Budget (publié)', unit: 'eur' },
  { code: 'services_proposes', label: 'Services proposés aux jeunes', unit: 'count' },
  { code: 'visites_exploratoire', label: "Visites de l'Exploratoire", unit: 'count' },
  { code: 'entreprises_en_contact', label: 'Entreprises en contact', unit: 'count' },
  { code: 'gpect_structures_partenaires', label: 'GPECT : structures partenaires', unit: 'count' },
  { code: 'gpect_entreprises', label: 'GPECT : entreprises', unit: 'count' },
  {
    code: 'gpect_personnes_evenements',
    label: 'GPECT : personnes touchées lors des événements',
    unit: 'count',
  },
  {
    code: 'part_contacts_canal',
    label: 'Répartition des contacts par canal',
    unit: 'percent',
    dimensions: ['channel'],
  },
  {
    code: 'part_services_theme',
    label: 'Répartition des services par thème',
    unit: 'percent',
    dimensions: ['theme'],
  },
  {
    code: 'part_services_type',
    label: 'Répartition des services par type',
    unit: 'percent',
    dimensions: ['service_type'],
  },
  {
    code: 'contrats_signes',
    label: 'Contrats de travail signés',
    unit: 'count',
    dimensions: ['contract_type'],
  },
  { code: 'cdd_interim', label: 'Contrats en intérim', unit: 'count' },
  {
    code: 'part_contrats_secteur',
    label: 'Principaux secteurs des contrats',
    unit: 'percent',
    dimensions: ['sector'],
    partial: true,
  },
  {
    code: 'entrees_prequalification',
    label: 'Entrées en formation préqualifiante',
    unit: 'count',
    dimensions: ['funding'],
  },
  {
    code: 'entrees_formation_qualifiante',
    label: 'Entrées en formation qualifiante',
    unit: 'count',
    dimensions: ['funding'],
  },
  { code: 'immersions', label: 'Immersions', unit: 'count', dimensions: ['measure'] },
  {
    code: 'alternance',
    label: 'Contrats en alternance',
    unit: 'count',
    dimensions: ['contract_type'],
  },
  {
    code: 'beneficiaires_dispositif',
    label: 'Bénéficiaires du dispositif (tableau des dispositifs)',
    unit: 'count',
    byProgramme: true,
  },
  {
    code: 'dispositif_accompagnes',
    label: 'Personnes accompagnées (page du dispositif)',
    unit: 'count',
    dimensions: ['level'],
    byProgramme: true,
  },
  {
    code: 'dispositif_chiffre',
    label: 'Chiffre de la page du dispositif',
    unit: 'ratio',
    dimensions: ['measure'],
    partial: true,
    byProgramme: true,
  },
]
