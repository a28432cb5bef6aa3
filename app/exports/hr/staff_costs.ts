import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import type { StaffCostPageResult } from '#reports/hr/staff_cost_page'

/** Columns of the cost-per-programme table, shared by the page and the workbook. */
export const STAFF_COST_COLUMNS: ColumnSpec[] = [
  { header: 'Dispositif', key: 'name', type: 'text', width: 40 },
  { header: 'Salariés', key: 'employeeCount', type: 'integer' },
  { header: 'Heures', key: 'hours', type: 'number', decimals: 1 },
  { header: 'Salaires bruts', key: 'gross', type: 'money' },
  { header: 'Charges patronales', key: 'charges', type: 'money' },
  { header: 'Coût total', key: 'total', type: 'money' },
  { header: 'Taux horaire (coût / heures)', key: 'hourlyRate', type: 'money' },
]

export function staffCostWorkbook(lines: StaffCostPageResult['lines']) {
  return buildWorkbook([{ name: 'Coûts par dispositif', columns: STAFF_COST_COLUMNS, rows: lines }])
}
