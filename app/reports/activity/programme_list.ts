import { Decimal } from 'decimal.js'
import db from '@adonisjs/lucid/services/db'
import { PROGRAMME_LEVEL_LABELS } from '#models/activity/programme'
import { TERRITORY_KIND_LABELS } from '#models/activity/territory'
import { ActivityValues } from '#reports/activity/activity_values'
import { evolution } from '#reports/activity/evolution'
import type { ColumnSpec } from '#support/spreadsheet/writer'

export const PROGRAMME_COLUMNS: ColumnSpec[] = [
  { key: 'code', header: 'Code', type: 'text', width: 22 },
  { key: 'name', header: 'Dispositif', type: 'text', width: 48 },
  { key: 'level', header: 'Niveau', type: 'text', width: 24 },
  { key: 'fse', header: 'Cofinancé FSE+', type: 'text', width: 14 },
  { key: 'funders', header: 'Financeurs', type: 'text', width: 30 },
  { key: 'beneficiaries', header: 'Bénéficiaires (tableau)', type: 'integer' },
  { key: 'previous', header: 'Bénéficiaires N-1', type: 'integer' },
  { key: 'evolution', header: 'Évolution', type: 'percent', decimals: 0 },
  { key: 'pageSupported', header: 'Accompagnés (page du dispositif)', type: 'integer' },
]

/** Programmes with their figures of the year: the table's value and the page's. */
export async function programmeList(organisationId: number, year: number) {
  const data = await ActivityValues.load(organisationId, year)
  const funders = await db
    .from('programmes')
    .where('organisation_id', organisationId)
    .select('code', 'funder_names')
  const funderOf = new Map(funders.map((f) => [f.code, f.funder_names as string | null]))
  return {
    year,
    rows: data.programmes.map((p) => {
      const now = data.value('beneficiaires_dispositif', { programme: p.code })
      const before = data.value('beneficiaires_dispositif', { programme: p.code }, year - 1)
      return {
        code: p.code,
        name: p.name,
        level: PROGRAMME_LEVEL_LABELS[p.level] ?? p.level,
        fse: p.fseCofinanced ? 'oui' : 'non',
        funders: funderOf.get(p.code) ?? null,
        beneficiaries: now,
        previous: before,
        evolution: evolution(now, before),
        pageSupported: data.value('dispositif_accompagnes', { programme: p.code }),
      }
    }),
  }
}

/** One programme's page: every figure stored for it in the year, and its targets. */
export async function programmePage(organisationId: number, code: string, year: number) {
  const data = await ActivityValues.load(organisationId, year)
  const programme = data.programmes.find((p) => p.code === code)
  if (!programme) return null
  const figures = data.cells
    .filter((c) => c.programmeCode === code && c.year === year)
    .map((c) => ({
      indicator: c.indicatorLabel,
      modality: c.modality,
      value: c.value,
      previous: data.value(
        c.indicator,
        { programme: code, breakdown: c.breakdown, modality: c.modality },
        year - 1
      ),
    }))
  const targets = await db
    .from('programme_targets as t')
    .join('indicators as i', 'i.id', 't.indicator_id')
    .where('t.organisation_id', organisationId)
    .where('t.programme_id', programme.id)
    .where('t.year', year)
    .select('i.code', 'i.label', 't.target')
  return {
    year,
    programme: {
      ...programme,
      levelLabel: PROGRAMME_LEVEL_LABELS[programme.level] ?? programme.level,
    },
    figures,
    targets: targets.map((t) => ({
      label: t.label as string,
      target: new Decimal(t.target),
      actual: data.value(t.code, { programme: code }),
    })),
  }
}

export const TERRITORY_COLUMNS: ColumnSpec[] = [
  { key: 'antenna', header: 'Antenne', type: 'text', width: 24 },
  { key: 'name', header: 'Territoire', type: 'text', width: 48 },
  { key: 'kind', header: 'Nature', type: 'text', width: 16 },
  { key: 'code', header: 'Code', type: 'text', width: 40 },
  { key: 'young', header: 'Jeunes accompagnés', type: 'integer' },
]

/** Antennas and their areas, with the young people supported in the year. */
export async function territoryList(organisationId: number, year: number) {
  const data = await ActivityValues.load(organisationId, year)
  const rows = data.antennas().flatMap((antenna) => [
    {
      antenna: antenna.name,
      name: antenna.name,
      kind: TERRITORY_KIND_LABELS.antenna,
      code: antenna.code,
      young: data.value('jeunes_accompagnes', { territory: antenna.code }),
      isArea: false,
    },
    ...data.areasOf(antenna).map((area) => ({
      antenna: antenna.name,
      name: area.name,
      kind: TERRITORY_KIND_LABELS[area.kind] ?? area.kind,
      code: area.code,
      young: data.value('jeunes_accompagnes', { territory: area.code }),
      isArea: true,
    })),
  ])
  return { year, rows }
}
