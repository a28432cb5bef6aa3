import db from '@adonisjs/lucid/services/db'
import type { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import { ClientReport } from '#support/report'

export interface ValueCell {
  id: number
  year: number
  indicator: string
  indicatorLabel: string
  unit: string
  programmeCode: string | null
  programmeName: string | null
  territoryCode: string | null
  territoryName: string | null
  breakdown: string | null
  modality: string | null
  value: Decimal
  source: string
  sourceFile: string | null
  importId: number | null
}

export interface TerritoryRow {
  id: number
  code: string
  name: string
  kind: string
  parentId: number | null
  position: number
}

export interface ProgrammeRow {
  id: number
  code: string
  name: string
  level: string
  fseCofinanced: boolean
  position: number
}

export interface Selector {
  programme?: string | null
  territory?: string | null
  breakdown?: string | null
  modality?: string | null
}

/**
 * The aggregated activity values of an organisation for a year and the year before, with the
 * territories and programmes they refer to. These are a few hundred aggregates (not records),
 * so they are loaded once and looked up in memory by the key figures and the checks. The
 * reconciliation checks pass the client of the import that has just written its rows.
 */
export class ActivityValuesReport extends ClientReport<{ year: number }, ActivityValues> {
  async build() {
    const client = this.client ?? db
    const organisationId = this.tenant.organisationId
    const year = this.params.year
    const rows = await client
      .from('indicator_values as v')
      .join('indicators as i', 'i.id', 'v.indicator_id')
      .leftJoin('programmes as p', 'p.id', 'v.programme_id')
      .leftJoin('territories as t', 't.id', 'v.territory_id')
      .where('v.organisation_id', organisationId)
      .whereIn('v.year', [year, year - 1])
      .orderBy('v.id')
      .select(
        'v.id',
        'v.year',
        'i.code as indicator',
        'i.label as indicator_label',
        'i.unit',
        'p.code as programme_code',
        'p.name as programme_name',
        't.code as territory_code',
        't.name as territory_name',
        'v.breakdown',
        'v.modality',
        'v.value',
        'v.source',
        'v.source_file',
        'v.import_id'
      )
    const territories = await client
      .from('territories')
      .where('organisation_id', organisationId)
      .orderBy([{ column: 'position' }, { column: 'id' }])
      .select('id', 'code', 'name', 'kind', 'parent_id as parentId', 'position')
    const programmes = await client
      .from('programmes')
      .where('organisation_id', organisationId)
      .orderBy([{ column: 'position' }, { column: 'id' }])
      .select('id', 'code', 'name', 'level', 'fse_cofinanced as fseCofinanced', 'position')
    return new ActivityValues(
      year,
      rows.map((row) => ({
        id: Number(row.id),
        year: row.year,
        indicator: row.indicator,
        indicatorLabel: row.indicator_label,
        unit: row.unit,
        programmeCode: row.programme_code,
        programmeName: row.programme_name,
        territoryCode: row.territory_code,
        territoryName: row.territory_name,
        breakdown: row.breakdown,
        modality: row.modality,
        value: toMoney(row.value),
        source: row.source,
        sourceFile: row.source_file,
        importId: row.import_id,
      })),
      territories,
      programmes
    )
  }
}

/** The values loaded by `ActivityValuesReport`, with their in-memory lookups. */
export class ActivityValues {
  constructor(
    readonly year: number,
    readonly cells: ValueCell[],
    readonly territories: TerritoryRow[],
    readonly programmes: ProgrammeRow[]
  ) {}

  get isEmpty() {
    return !this.cells.some((cell) => cell.year === this.year)
  }

  private matches(cell: ValueCell, indicator: string, year: number, selector: Selector) {
    return (
      cell.indicator === indicator &&
      cell.year === year &&
      cell.programmeCode === (selector.programme ?? null) &&
      cell.territoryCode === (selector.territory ?? null) &&
      cell.breakdown === (selector.breakdown ?? null) &&
      cell.modality === (selector.modality ?? null)
    )
  }

  cell(indicator: string, selector: Selector = {}, year = this.year): ValueCell | null {
    return this.cells.find((cell) => this.matches(cell, indicator, year, selector)) ?? null
  }

  value(indicator: string, selector: Selector = {}, year = this.year): Decimal | null {
    return this.cell(indicator, selector, year)?.value ?? null
  }

  /** Values of one breakdown of an indicator, in stored order. */
  modalities(indicator: string, breakdown: string, selector: Selector = {}, year = this.year) {
    return this.cells.filter(
      (cell) =>
        cell.indicator === indicator &&
        cell.year === year &&
        cell.breakdown === breakdown &&
        cell.programmeCode === (selector.programme ?? null) &&
        cell.territoryCode === (selector.territory ?? null)
    )
  }

  /** Every breakdown an indicator has values for in the year. */
  breakdownsOf(indicator: string, year = this.year) {
    return [
      ...new Set(
        this.cells
          .filter((cell) => cell.indicator === indicator && cell.year === year && cell.breakdown)
          .map((cell) => cell.breakdown as string)
      ),
    ]
  }

  antennas() {
    return this.territories.filter((t) => t.parentId === null)
  }

  areasOf(antenna: TerritoryRow) {
    return this.territories.filter((t) => t.parentId === antenna.id)
  }
}
