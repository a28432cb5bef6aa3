import db from '@adonisjs/lucid/services/db'
import type { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import { ActivityYear } from '#reports/activity/activity_year'
import { Report } from '#support/report'
import { BREAKDOWNS, VALUE_SOURCES } from '#vocabulary/activity'
import { labelOf } from '#vocabulary/labels'

/** A type, not an interface: rows go to the workbook writer as plain records. */
export type ValueListRow = {
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
  /** "Import n° 12 (fichier.xlsx)", "Démonstration" or "Saisie". */
  sourceLabel: string
  importId: number | null
  sourceFile: string | null
}

export interface ValueListParams {
  year?: number
  indicator?: string | null
}

/** The stored values behind the figures (drill-down), filtered by year and indicator. */
export class ValueList extends Report<ValueListParams, Awaited<ReturnType<typeof valueList>>> {
  async build() {
    const year = await new ActivityYear(this.tenant, { year: this.params.year }).build()
    return valueList(this.tenant.organisationId, year, this.params.indicator)
  }
}

async function valueList(organisationId: number, year: number, indicator?: string | null) {
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
      breakdown: r.breakdown ? labelOf(BREAKDOWNS, r.breakdown) : null,
      modality: r.modality,
      value: toMoney(r.value),
      source: r.source,
      sourceLabel:
        r.source === 'import'
          ? `Import n° ${r.import_id} (${r.source_file ?? ''})`
          : labelOf(VALUE_SOURCES, r.source),
      importId: r.import_id,
      sourceFile: r.source_file,
    })),
  }
}
