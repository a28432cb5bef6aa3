import type { ImportDefinition, ImportIssue } from '#imports/core/pipeline'
import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'

export const issueColumns: ColumnSpec[] = [
  col.integer('Ligne', 'line'),
  col.text('Colonne', 'column'),
  col.text('Valeur', 'value'),
  col.text('Motif', 'message', 60),
]

/** An empty workbook with the expected headers, and a sheet documenting each column. */
export function importTemplate(definition: ImportDefinition<unknown>) {
  return buildWorkbook([
    {
      name: 'Données',
      columns: definition.columns.map((column) => col.text(column.header, column.key)),
      rows: [],
    },
    {
      name: 'Colonnes',
      columns: [
        col.text('Colonne', 'header'),
        col.text('Obligatoire', 'required'),
        col.text('Description', 'description', 80),
      ],
      rows: definition.columns.map((column) => ({
        header: column.header,
        required: column.required ? 'oui' : 'non',
        description: column.description ?? '',
      })),
    },
  ])
}

/** The refused lines of an import (ImportIssues report) as a workbook. */
export function issuesWorkbook(issues: ImportIssue[]) {
  return buildWorkbook([
    { name: 'Erreurs', columns: issueColumns, rows: issues.map((issue) => ({ ...issue })) },
  ])
}
