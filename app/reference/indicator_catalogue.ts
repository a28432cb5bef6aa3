import { INDICATOR_UNITS, type IndicatorUnit } from '#vocabulary/activity'

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
 *
 * One indicator a line: code | label | unit | breakdown dimensions | flags (`byTerritory`,
 * `byProgramme`, `partial`).
 */
export const INDICATOR_CATALOGUE: CatalogueEntry[] = catalogue(`
jeunes_accompagnes | Jeunes accompagnés | count | age_band level attained_level housing first_welcome_year | byTerritory
primo_accueillis | Jeunes en premier accueil (primo-accueillis) | count | age_band | byTerritory
contacts_jeunes | Contacts jeunes | count
entretiens_individuels | Entretiens individuels | count
entretiens_individuels_collectifs | Entretiens individuels et collectifs | count
jeunes_dispositif_renforce | Jeunes accompagnés dans un dispositif renforcé | count
points_accueil | Points d'accueil | count
salaries | Nombre de salariés (publié) | count
budget | Budget (publié) | eur
services_proposes | Services proposés aux jeunes | count
visites_exploratoire | Visites de l'Exploratoire | count
entreprises_en_contact | Entreprises en contact | count
gpect_structures_partenaires | GPECT : structures partenaires | count
gpect_entreprises | GPECT : entreprises | count
gpect_personnes_evenements | GPECT : personnes touchées lors des événements | count
part_contacts_canal | Répartition des contacts par canal | percent | channel
part_services_theme | Répartition des services par thème | percent | theme
part_services_type | Répartition des services par type | percent | service_type
contrats_signes | Contrats de travail signés | count | contract_type
cdd_interim | Contrats en intérim | count
part_contrats_secteur | Principaux secteurs des contrats | percent | sector | partial
entrees_prequalification | Entrées en formation préqualifiante | count | funding
entrees_formation_qualifiante | Entrées en formation qualifiante | count | funding
immersions | Immersions | count | measure
alternance | Contrats en alternance | count | contract_type
beneficiaires_dispositif | Bénéficiaires du dispositif (tableau des dispositifs) | count |  | byProgramme
dispositif_accompagnes | Personnes accompagnées (page du dispositif) | count | level | byProgramme
dispositif_chiffre | Chiffre de la page du dispositif | ratio | measure | byProgramme partial
`)

/** The entries of a catalogue written one a line, as INDICATOR_CATALOGUE is. */
function catalogue(text: string): CatalogueEntry[] {
  return text.split('\n').flatMap((row) => {
    if (row.trim() === '') return []
    const cells = row.split('|').map((cell) => cell.trim())
    const [code, label, unit, dimensions = '', flags = ''] = cells
    if (cells.length < 3 || cells.length > 5 || !code || !label || !(unit in INDICATOR_UNITS)) {
      throw new Error(`Ligne du catalogue illisible : ${row}`)
    }
    const entry: CatalogueEntry = { code, label, unit: unit as IndicatorUnit }
    if (dimensions) entry.dimensions = dimensions.split(/\s+/)
    for (const flag of flags.split(/\s+/).filter(Boolean)) {
      if (flag !== 'byTerritory' && flag !== 'byProgramme' && flag !== 'partial') {
        throw new Error(`Indicateur ${code} : ${flag} inconnu`)
      }
      entry[flag] = true
    }
    return [entry]
  })
}
