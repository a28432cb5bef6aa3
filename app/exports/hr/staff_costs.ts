import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import type { StaffCostPageResult } from '#reports/hr/staff_cost_page'
import { col } from '#support/spreadsheet/columns'

/** Columns of the cost-per-programme table, shared by the page and the workbook. */
export const STAFF_COST_COLUMNS: ColumnSpec[] = [
  col.text('Dispositif', 'name', 40),
  col.integer('Salariés', 'employeeCount'),
  col.number('Heures', 'hours', 1),
  col.money('Salaires bruts', 'gross'),
  col.money('Charges patronales', 'charges'),
  col.money('Coût total', 'total'),
  col.money('Taux horaire (coût / heures)', 'hourlyRate'),
]

export function staffCostWorkbook(lines: StaffCostPageResult['lines']) {
  return buildWorkbook([{ name: 'Coûts par dispositif', columns: STAFF_COST_COLUMNS, rows: lines }])
}
