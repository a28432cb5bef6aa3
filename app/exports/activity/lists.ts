import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'
import type { ProgrammeList, TerritoryList } from '#reports/activity/programme_list'
import type { ValueList } from '#reports/activity/value_list'

type Built<R extends { build(): Promise<unknown> }> = Awaited<ReturnType<R['build']>>

const PROGRAMME_COLUMNS: ColumnSpec[] = [
  col.text('Code', 'code', 22),
  col.text('Dispositif', 'name', 48),
  col.text('Niveau', 'level', 24),
  col.text('Cofinancé FSE+', 'fse', 14),
  col.text('Financeurs', 'funders', 30),
  col.integer('Bénéficiaires (tableau)', 'beneficiaries'),
  col.integer('Bénéficiaires N-1', 'previous'),
  col.percent('Évolution', 'evolution', 0),
  col.integer('Accompagnés (page du dispositif)', 'pageSupported'),
]

const TERRITORY_COLUMNS: ColumnSpec[] = [
  col.text('Antenne', 'antenna', 24),
  col.text('Territoire', 'name', 48),
  col.text('Nature', 'kind', 16),
  col.text('Code', 'code', 40),
  col.integer('Jeunes accompagnés', 'young'),
]

const VALUE_COLUMNS: ColumnSpec[] = [
  col.integer('Année', 'year'),
  col.text('Code indicateur', 'indicatorCode'),
  col.text('Indicateur', 'indicator', 40),
  col.text('Dispositif', 'programme', 36),
  col.text('Territoire', 'territory', 36),
  col.text('Ventilation', 'breakdown'),
  col.text('Modalité', 'modality', 30),
  col.number('Valeur', 'value', 2),
  col.text('Source', 'source', 12),
  col.integer('Import n°', 'importId'),
  col.text('Fichier', 'sourceFile', 30),
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
