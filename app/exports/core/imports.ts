import type { ImportDefinition, ImportIssue } from '#imports/core/pipeline'
import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'

export const issueColumns: ColumnSpec[] = [
  { header: 'Ligne', key: 'line', type: 'integer' },
  { header: 'Colonne', key: 'column', type: 'text' },
  { header: 'Valeur', key: 'value', type: 'text' },
  { header: 'Motif', key: 'message', type: 'text', width: 60 },
]

/** An empty workbook with the expected headers, and a sheet documenting each column. */
export function importTemplate(definition: ImportDefinition<unknown>) {
  return buildWorkbook([
    {
      name: 'Données',
      columns: definition.columns.map((column) => ({
        header: column.header,
        key: column.key,
        type: 'text',
      })),
      rows: [],
    },
    {
      name: 'Colonnes',
      columns: [
        { header: 'Colonne', key: 'header', type: 'text' },
        { header: 'Obligatoire', key: 'required', type: 'text' },
        { header: 'Description', key: 'description', type: 'text', width: 80 },
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
