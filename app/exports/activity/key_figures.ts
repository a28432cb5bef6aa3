import { buildWorkbook, type Row } from '#support/spreadsheet/writer'
import type { KeyFiguresReport, KeyTable } from '#reports/activity/key_figures'
import { col } from '#support/spreadsheet/columns'

function sheetName(title: string) {
  return title
    .replace(/[:\\/?*[\]]/g, ' ')
    .slice(0, 31)
    .trim()
}

const rowsOf = (table: KeyTable) =>
  table.rows.map((row, i) => ({
    ...row,
    label: table.rowClass?.[i] === 'area' ? `   ${row.label ?? ''}` : row.label,
  })) as Row[]

/** One table of the key figures page as a workbook. */
export function keyTableWorkbook(table: KeyTable) {
  return buildWorkbook([
    { name: sheetName(table.title), columns: table.columns, rows: rowsOf(table) },
  ])
}

/** Every table of the page, one sheet each, plus the key figures. */
export function keyFiguresWorkbook(report: KeyFiguresReport) {
  return buildWorkbook([
    {
      name: `Chiffres clés ${report.year}`,
      columns: [
        col.text('Chiffre clé', 'label', 48),
        col.number(String(report.year), 'value', 2),
        col.percent('Évolution', 'evolution', 0),
      ],
      rows: report.cards.map((card) => ({
        label: card.label,
        value: card.value,
        evolution: card.evolution,
      })),
    },
    ...report.tables.map((table) => ({
      name: sheetName(table.title),
      columns: table.columns,
      rows: rowsOf(table),
    })),
  ])
}
