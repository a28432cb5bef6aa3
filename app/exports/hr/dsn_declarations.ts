import type { DsnDeclarationRow } from '#reports/hr/dsn_declarations'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'

/** The monthly declarations imported, as the page lists them. */
export function dsnDeclarationsWorkbook(rows: DsnDeclarationRow[]) {
  return buildWorkbook([
    {
      name: 'DSN importées',
      columns: [
        col.text('Mois', 'month'),
        col.text('Type', 'type', 36),
        col.text('État', 'status'),
        col.integer('Salariés déclarés', 'headcount'),
        col.money('Rémunération brute', 'gross'),
        col.money('Cotisations patronales', 'employerContributions'),
        col.integer('Import n°', 'importId'),
        col.text('Fichier', 'fileName', 36),
      ],
      rows: rows.map((r) => ({
        ...r,
        month: `${r.month.slice(5, 7)}/${r.month.slice(0, 4)}`,
      })),
    },
  ])
}
