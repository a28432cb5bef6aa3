import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#support/audit'

export interface CatalogueEntry {
  code: string
  label: string
  unit: 'count' | 'percent' | 'ratio' | 'hours' | 'days' | 'eur'
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

/** Creates the catalogue entries an organisation does not have yet. */
export async function ensureCatalogue(organisationId: number, trx: TransactionClientContract) {
  const existing = await trx
    .from('indicators')
    .where('organisation_id', organisationId)
    .select('code')
  const known = new Set(existing.map((row) => row.code))
  const missing = INDICATOR_CATALOGUE.filter((entry) => !known.has(entry.code))
  if (missing.length === 0) return
  await trx.table('indicators').multiInsert(
    missing.map((entry) => ({
      organisation_id: organisationId,
      code: entry.code,
      label: entry.label,
      unit: entry.unit,
      dimensions: entry.dimensions ?? [],
      by_programme: entry.byProgramme ?? false,
      by_territory: entry.byTerritory ?? false,
      description: entry.description ?? null,
      position: INDICATOR_CATALOGUE.indexOf(entry),
    }))
  )
  await recordEvent({
    domain: 'activity',
    action: 'create',
    subjectType: 'Indicator',
    summary: `Catalogue d'indicateurs : ${missing.length} indicateur(s) créé(s)`,
    organisationId,
    trx,
  })
}
