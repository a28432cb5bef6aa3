import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import type { ProgrammeList, TerritoryList } from '#reports/activity/programme_list'
import type { ValueList } from '#reports/activity/value_list'

type Built<R extends { build(): Promise<unknown> }> = Awaited<ReturnType<R['build']>>

const PROGRAMME_COLUMNS: ColumnSpec[] = [
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

const TERRITORY_COLUMNS: ColumnSpec[] = [
  { key: 'antenna', header: 'Antenne', type: 'text', width: 24 },
  { key: 'name', header: 'Territoire', type: 'text', width: 48 },
  { key: 'kind', header: 'Nature', type: 'text', width: 16 },
  { key: 'code', header: 'Code', type: 'text', width: 40 },
  { key: 'young', header: 'Jeunes accompagnés', type: 'integer' },
]

const VALUE_COLUMNS: ColumnSpec[] = [
  { key: 'year', header: 'Année', type: 'integer' },
  { key: 'indicatorCode', header: 'Code indicateur', type: 'text' },
  { key: 'indicator', header: 'Indicateur', type: 'text', width: 40 },
  { key: 'programme', header: 'Dispositif', type: 'text', width: 36 },
  { key: 'territory', header: 'Territoire', type: 'text', width: 36 },
  { key: 'breakdown', header: 'Ventilation', type: 'text' },
  { key: 'modality', header: 'Modalité', type: 'text', width: 30 },
  { key: 'value', header: 'Valeur', type: 'number', decimals: 2 },
  { key: 'source', header: 'Source', type: 'text', width: 12 },
  { key: 'importId', header: 'Import n°', type: 'integer' },
  { key: 'sourceFile', header: 'Fichier', type: 'text', width: 30 },
]

/** The programmes page as a workbook. */
export function programmesWorkbook(list: Built<ProgrammeList>) {
  return buildWorkbook([
    { name: `Dispositifs ${list.year}`, columns: PROGRAMME_COLUMNS, rows: list.rows },
  ])
}

/** The territories page as a workbook. */
export function territoriesWorkbook(list: Built<TerritoryList>) {
  return buildWorkbook([
    { name: `Territoires ${list.year}`, columns: TERRITORY_COLUMNS, rows: list.rows },
  ])
}

/** The values page (drill-down) as a workbook. */
export function valuesWorkbook(list: Built<ValueList>) {
  return buildWorkbook([{ name: `Valeurs ${list.year}`, columns: VALUE_COLUMNS, rows: list.rows }])
}
