import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import { BREAKDOWN_LABELS } from '#models/activity/indicator'

export interface ValueListRow {
  id: number
  year: number
  indicatorCode: string
  indicator: string
  programme: string | null
  territory: string | null
  breakdown: string | null
  modality: string | null
  value: Decimal
  source: string
  importId: number | null
  sourceFile: string | null
}

/** The stored values behind the figures (drill-down), filtered by year and indicator. */
export async function valueList(organisationId: number, year: number, indicator?: string | null) {
  const query = db
    .from('indicator_values as v')
    .join('indicators as i', 'i.id', 'v.indicator_id')
    .leftJoin('programmes as p', 'p.id', 'v.programme_id')
    .leftJoin('territories as t', 't.id', 'v.territory_id')
    .leftJoin('territories as a', 'a.id', 't.parent_id')
    .where('v.organisation_id', organisationId)
    .where('v.year', year)
    .orderBy([{ column: 'i.position' }, { column: 'v.id' }])
    .select(
      'v.id',
      'v.year',
      'i.code as indicator_code',
      'i.label as indicator',
      'p.name as programme',
      db.raw(
        `CASE WHEN a.name IS NULL THEN t.name ELSE a.name || ' / ' || t.name END AS territory`
      ),
      'v.breakdown',
      'v.modality',
      'v.value',
      'v.source',
      'v.import_id',
      'v.source_file'
    )
  if (indicator) query.where('i.code', indicator)
  const rows = await query
  const indicators = await db
    .from('indicators')
    .where('organisation_id', organisationId)
    .orderBy('position')
    .select('code', 'label')
  return {
    year,
    indicator: indicator ?? null,
    indicators,
    rows: rows.map((r): ValueListRow => ({
      id: Number(r.id),
      year: r.year,
      indicatorCode: r.indicator_code,
      indicator: r.indicator,
      programme: r.programme,
      territory: r.territory,
      breakdown: r.breakdown ? (BREAKDOWN_LABELS[r.breakdown] ?? r.breakdown) : null,
      modality: r.modality,
      value: new Decimal(r.value),
      source: r.source,
      importId: r.import_id,
      sourceFile: r.source_file,
    })),
  }
}

export const VALUE_COLUMNS = [
  { key: 'year', header: 'Année', type: 'integer' as const },
  { key: 'indicatorCode', header: 'Code indicateur', type: 'text' as const },
  { key: 'indicator', header: 'Indicateur', type: 'text' as const, width: 40 },
  { key: 'programme', header: 'Dispositif', type: 'text' as const, width: 36 },
  { key: 'territory', header: 'Territoire', type: 'text' as const, width: 36 },
  { key: 'breakdown', header: 'Ventilation', type: 'text' as const },
  { key: 'modality', header: 'Modalité', type: 'text' as const, width: 30 },
  { key: 'value', header: 'Valeur', type: 'number' as const, decimals: 2 },
  { key: 'source', header: 'Source', type: 'text' as const, width: 12 },
  { key: 'importId', header: 'Import n°', type: 'integer' as const },
  { key: 'sourceFile', header: 'Fichier', type: 'text' as const, width: 30 },
]
