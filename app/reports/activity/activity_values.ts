import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
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

/** The stored values (`v`) with their indicator, programme and territory, by id. */
export function valueCells(client: Pick<QueryClientContract, 'from'>) {
  return client
    .from('indicator_values as v')
    .join('indicators as i', 'i.id', 'v.indicator_id')
    .leftJoin('programmes as p', 'p.id', 'v.programme_id')
    .leftJoin('territories as t', 't.id', 'v.territory_id')
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
}

/** The programmes (`ProgrammeRow`), in their order. */
export function programmeRows(client: Pick<QueryClientContract, 'from'>) {
  return client
    .from('programmes')
    .orderBy([{ column: 'position' }, { column: 'id' }])
    .select('id', 'code', 'name', 'level', 'fse_cofinanced as fseCofinanced', 'position')
}

/** A row of `valueCells` as a cell. */
export function valueCell(row: Record<string, unknown>): ValueCell {
  return {
    id: Number(row.id),
    year: row.year as number,
    indicator: row.indicator as string,
    indicatorLabel: row.indicator_label as string,
    unit: row.unit as string,
    programmeCode: row.programme_code as string | null,
    programmeName: row.programme_name as string | null,
    territoryCode: row.territory_code as string | null,
    territoryName: row.territory_name as string | null,
    breakdown: row.breakdown as string | null,
    modality: row.modality as string | null,
    value: toMoney(row.value as string),
    source: row.source as string,
    sourceFile: row.source_file as string | null,
    importId: row.import_id as number | null,
  }
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
    const rows = await valueCells(client)
      .where('v.organisation_id', organisationId)
      .whereIn('v.year', [year, year - 1])
    const territories = await client
      .from('territories')
      .where('organisation_id', organisationId)
      .orderBy([{ column: 'position' }, { column: 'id' }])
      .select('id', 'code', 'name', 'kind', 'parent_id as parentId', 'position')
    const programmes = await programmeRows(client).where('organisation_id', organisationId)
    return new ActivityValues(year, rows.map(valueCell), territories, programmes)
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
