import type { Decimal } from 'decimal.js'
import type { Cell } from '#reports/activity/key_figures'
import type { AnnualTable } from '#reports/annual_report/annual_report'
import type { ColumnSpec } from '#support/spreadsheet/writer'
import { formatMoney, formatNumber, formatPercent } from '#support/french_format'

/**
 * A cell of the annual report as printed (page, print view, Word document): French numbers,
 * euros to the euro as the printed report shows them, shares and evolutions to the unit unless
 * the column says otherwise; an empty cell is a dash.
 */
export function cellText(column: ColumnSpec, value: Cell | undefined): string {
  if (value === null || value === undefined || value === '')
    return column.type === 'text' ? '' : '—'
  if (column.type === 'text' || typeof value === 'string' || typeof value === 'boolean')
    return String(value)
  const number = value as Decimal | number
  switch (column.type) {
    case 'money':
      return formatMoney(number, { cents: false })
    case 'percent':
      return formatPercent(number, column.decimals ?? 0)
    case 'integer':
      return formatNumber(number, 0)
    default:
      return formatNumber(number, column.decimals ?? 2)
  }
}

/** The texts of a row: a heading row shows its label only, a "dont" row is indented. */
export function rowTexts(table: AnnualTable, index: number): string[] {
  const row = table.rows[index]
  const kind = table.rowClass[index]
  return table.columns.map((column, c) => {
    if (c > 0) return kind === 'heading' ? '' : cellText(column, row[column.key])
    const label = cellText(column, row[column.key])
    return kind === 'area' ? `\u00a0\u00a0\u00a0${label}` : label
  })
}
