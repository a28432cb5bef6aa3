import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Organisation from '#models/core/organisation'
import { ensureCatalogue } from '#actions/activity/indicator_catalogue'
import { previousFromEvolution } from '#reports/activity/evolution'
import { recordEvent } from '#support/audit'
import type { Rapport2023, ReportProgrammeRow, ReportTerritory } from '#database/seeders/demo'
import {
  DETAIL_LABELS,
  DETAIL_LEVELS,
  DETAIL_PAGES,
  PROGRAMME_CODES,
} from '#reference/rapport_layout'

const RENNES_METROPOLE_GROUPINGS = new Set([
  'CIAS Ouest de Rennes',
  'Secteur Bécherel',
  'Sud Est',
  'Sud Rennes',
  'Syrenor',
])

export function slug(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

function areaKind(antenna: string, area: string) {
  if (area === 'Non renseigné') return 'unknown'
  if (antenna === 'Rennes (ville)') return 'quartier'
  if (antenna === 'Rennes Métropole')
    return RENNES_METROPOLE_GROUPINGS.has(area) ? 'area' : 'commune'
  return 'epci'
}

interface ValueRow {
  indicator: string
  year: number
  value: number
  programme?: string
  territory?: string
  breakdown?: string
  modality?: string
}

/**
 * Loads the reference's whole activity for 2023 and the 2022 values derived from its printed
 * evolutions (N-1 = round(N / (1 + evolution))).
 */
export async function seedActivity(
  organisation: Organisation,
  rapport: Rapport2023,
  trx: TransactionClientContract
) {
  const organisationId = organisation.id
  const activity = rapport.activity
  const territories: ReportTerritory[] = activity.territories
  const programmeTable: ReportProgrammeRow[] = activity.programmes.rows
  await ensureCatalogue(organisationId, trx)

  // Programmes: the table's rows, then the pages that describe something not in the table.
  const programmeRows: Array<Record<string, unknown>> = programmeTable.map((row, index) => ({
    organisation_id: organisationId,
    code: PROGRAMME_CODES[row.name] ?? slug(row.name).toUpperCase(),
    name: row.name,
    level: row.level,
    fse_cofinanced: row.fse === true,
    position: index,
  }))
  for (const detail of Object.values(DETAIL_PAGES)) {
    if (detail.name && !programmeRows.some((row) => row.code === detail.code)) {
      programmeRows.push({
        organisation_id: organisationId,
        code: detail.code,
        name: detail.name,
        level: 'own',
        fse_cofinanced: false,
        position: programmeRows.length,
      })
    }
  }
  const programmes: Array<{ id: number; code: string }> = await trx
    .table('programmes')
    .multiInsert(programmeRows)
    .returning(['id', 'code'])
  const programmeId = new Map(programmes.map((row) => [row.code, row.id]))

  // Territories: antennas, then their areas.
  const antennaRows = territories.map((t, index) => ({
    organisation_id: organisationId,
    code: slug(t.antenna),
    name: t.antenna,
    kind: 'antenna',
    position: index,
  }))
  const antennas: Array<{ id: number; code: string }> = await trx
    .table('territories')
    .multiInsert(antennaRows)
    .returning(['id', 'code'])
  const territoryId = new Map(antennas.map((row) => [row.code, row.id]))
  const areaRows = territories.flatMap((t) =>
    t.areas.map(([name], index) => ({
      organisation_id: organisationId,
      parent_id: territoryId.get(slug(t.antenna)),
      code: `${slug(t.antenna)}--${slug(name)}`,
      name,
      kind: areaKind(t.antenna, name),
      position: index,
    }))
  )
  const areas: Array<{ id: number; code: string }> = await trx
    .table('territories')
    .multiInsert(areaRows)
    .returning(['id', 'code'])
  for (const row of areas) territoryId.set(row.code, row.id)

  const values: ValueRow[] = []
  const both = (row: ValueRow, evolutionText: string | null | undefined) => {
    values.push(row)
    const previous = previousFromEvolution(row.value, evolutionText)
    if (previous !== null) values.push({ ...row, year: row.year - 1, value: previous })
  }
  const year = rapport.organisation.year as number
  const kf = activity.key_figures
  const pub = activity.public
  const out = activity.outcomes

  both(
    { indicator: 'jeunes_accompagnes', year, value: kf.jeunes_accompagnes },
    pub.jeunes_accompagnes_evolution
  )
  both(
    { indicator: 'primo_accueillis', year, value: kf.primo_accueillis },
    pub.primo_accueillis_evolution
  )
  const simple: Record<string, string> = {
    contacts_jeunes: 'contacts_jeunes',
    entretiens_individuels: 'entretiens_individuels',
    entretiens_individuels_collectifs: 'entretiens_individuels_et_collectifs',
    jeunes_dispositif_renforce: 'jeunes_dispositif_renforce',
    points_accueil: 'points_accueil',
    salaries: 'salaries',
    budget: 'budget_eur',
    visites_exploratoire: 'exploratoire_visites',
    entreprises_en_contact: 'entreprises_en_contact',
    gpect_structures_partenaires: 'gpect_structures_partenaires',
    gpect_entreprises: 'gpect_entreprises',
    gpect_personnes_evenements: 'gpect_personnes_evenements',
  }
  for (const [indicator, key] of Object.entries(simple)) {
    values.push({ indicator, year, value: kf[key] })
  }
  // "Plus de 143 600 services proposés aux jeunes (+23%)"
  both({ indicator: 'services_proposes', year, value: kf.services_proposes }, '+23%')

  const shares: Array<[string, string, Record<string, number>]> = [
    ['part_contacts_canal', 'channel', activity.contacts_by_channel_percent],
    ['part_services_theme', 'theme', activity.services_by_theme_percent],
    ['part_services_type', 'service_type', activity.services_by_type_percent],
    ['part_contrats_secteur', 'sector', out.top_sectors_percent],
  ]
  for (const [indicator, breakdown, table] of shares) {
    for (const [modality, value] of Object.entries(table)) {
      values.push({ indicator, year, value, breakdown, modality })
    }
  }

  for (const t of activity.territories) {
    const antenna = slug(t.antenna)
    both(
      { indicator: 'jeunes_accompagnes', year, value: t.jeunes_accompagnes, territory: antenna },
      t.evolution
    )
    both(
      { indicator: 'primo_accueillis', year, value: t.premiers_accueils, territory: antenna },
      t.premiers_accueils_evolution
    )
    for (const [name, count, evolutionText] of t.areas) {
      both(
        {
          indicator: 'jeunes_accompagnes',
          year,
          value: count,
          territory: `${antenna}--${slug(name)}`,
        },
        evolutionText
      )
    }
  }

  const breakdowns: Array<[string, string, Array<[string, number, string]>]> = [
    ['jeunes_accompagnes', 'age_band', pub.age_of_young_people_supported],
    ['primo_accueillis', 'age_band', pub.age_at_first_welcome],
    ['jeunes_accompagnes', 'level', pub.validated_level],
    ['jeunes_accompagnes', 'attained_level', pub.attained_level],
    ['jeunes_accompagnes', 'housing', pub.housing],
    ['jeunes_accompagnes', 'first_welcome_year', pub.first_welcome_year],
  ]
  for (const [indicator, breakdown, rows] of breakdowns) {
    for (const [modality, count] of rows) {
      // The printed "Total général" line is the indicator's own total, not a modality.
      if (modality === 'Total général') continue
      values.push({ indicator, year, value: count, breakdown, modality })
    }
  }

  both(
    { indicator: 'contrats_signes', year, value: out.contracts_signed },
    out.contracts_signed_evolution
  )
  const contracts: Array<[string, number, string]> = [
    ['CDI', out.cdi, out.cdi_evolution],
    ['CDD', out.cdd, out.cdd_evolution],
    ["Création d'activité", out.creation_activite, out.creation_activite_evolution],
  ]
  for (const [modality, value, evolutionText] of contracts) {
    both(
      { indicator: 'contrats_signes', year, value, breakdown: 'contract_type', modality },
      evolutionText
    )
  }
  for (const [y, value] of Object.entries(out.cdd_interim as Record<string, number>)) {
    values.push({ indicator: 'cdd_interim', year: Number(y), value })
  }
  both(
    { indicator: 'entrees_prequalification', year, value: out.pre_qualification_entries },
    out.pre_qualification_evolution
  )
  values.push(
    {
      indicator: 'entrees_prequalification',
      year,
      value: out.pre_qualification_region_funded,
      breakdown: 'funding',
      modality: 'Région',
    },
    {
      indicator: 'entrees_prequalification',
      year,
      value: out.pre_qualification_other_funded,
      breakdown: 'funding',
      modality: 'Autres financements',
    }
  )
  both(
    { indicator: 'entrees_formation_qualifiante', year, value: out.qualifying_training_entries },
    out.qualifying_training_evolution
  )
  values.push(
    {
      indicator: 'entrees_formation_qualifiante',
      year,
      value: out.qualifying_region_funded,
      breakdown: 'funding',
      modality: 'Région',
    },
    {
      indicator: 'entrees_formation_qualifiante',
      year,
      value: out.qualifying_other_funded,
      breakdown: 'funding',
      modality: 'Autres financements',
    }
  )
  const immersions: Array<[string, number]> = [
    ['PMSMP', out.pmsmp],
    ['Service civique', out.service_civique],
    ['Autres immersions', out.other_immersions],
  ]
  for (const [modality, value] of immersions) {
    values.push({ indicator: 'immersions', year, value, breakdown: 'measure', modality })
  }
  // The report prints the evolution of the immersions' total but not the total itself.
  const immersionsTotal = immersions.reduce((sum, [, value]) => sum + value, 0)
  both({ indicator: 'immersions', year, value: immersionsTotal }, out.immersions_evolution)
  both({ indicator: 'alternance', year, value: out.alternance }, out.alternance_evolution)
  both(
    {
      indicator: 'alternance',
      year,
      value: out.apprentissage,
      breakdown: 'contract_type',
      modality: 'Apprentissage',
    },
    out.apprentissage_evolution
  )
  both(
    {
      indicator: 'alternance',
      year,
      value: out.professionnalisation,
      breakdown: 'contract_type',
      modality: 'Professionnalisation',
    },
    out.professionnalisation_evolution
  )

  for (const row of activity.programmes.rows) {
    const code = PROGRAMME_CODES[row.name] ?? slug(row.name).toUpperCase()
    both(
      { indicator: 'beneficiaires_dispositif', year, value: row.beneficiaries, programme: code },
      row.evolution
    )
  }
  for (const [page, figures] of Object.entries(
    activity.programme_details as Record<string, Record<string, number>>
  )) {
    const detail = DETAIL_PAGES[page]
    if (!detail) continue
    for (const [key, value] of Object.entries(figures)) {
      values.push({
        indicator: 'dispositif_chiffre',
        year,
        value,
        programme: detail.code,
        breakdown: 'measure',
        modality: DETAIL_LABELS[key] ?? key,
      })
      if (key === detail.supported) {
        values.push({ indicator: 'dispositif_accompagnes', year, value, programme: detail.code })
      }
      if (DETAIL_LEVELS[key] && detail.supported) {
        values.push({
          indicator: 'dispositif_accompagnes',
          year,
          value,
          programme: detail.code,
          breakdown: 'level',
          modality: DETAIL_LEVELS[key],
        })
      }
    }
    if (page === 'BPI' && figures.melting_breizh !== undefined) {
      values.push({
        indicator: 'dispositif_accompagnes',
        year,
        value: figures.melting_breizh,
        programme: 'MELTING_BREIZH',
      })
    }
  }

  const indicators = await trx
    .from('indicators')
    .where('organisation_id', organisationId)
    .select('id', 'code')
  const indicatorId = new Map(indicators.map((row) => [row.code, row.id]))
  await trx.table('indicator_values').multiInsert(
    values.map((row) => ({
      organisation_id: organisationId,
      year: row.year,
      indicator_id: indicatorId.get(row.indicator),
      programme_id: row.programme ? programmeId.get(row.programme) : null,
      territory_id: row.territory ? territoryId.get(row.territory) : null,
      breakdown: row.breakdown ?? null,
      modality: row.modality ?? null,
      value: row.value,
      source: 'demo',
      source_file: 'rapport-2023.json',
    }))
  )
  await recordEvent({
    domain: 'activity',
    action: 'import',
    subjectType: 'IndicatorValue',
    summary: `Démo : ${programmes.length} dispositifs, ${antennas.length + areas.length} territoires, ${values.length} valeurs d'indicateurs`,
    organisationId,
    trx,
  })
}
