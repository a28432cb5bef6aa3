import { buildWorkbook } from '#support/spreadsheet/writer'
import type { AnnualReportResult } from '#reports/annual_report/annual_report'

/** A worksheet name: at most 31 characters, none of : \ / ? * [ ], numbered so names stay unique. */
function sheetName(index: number, title: string) {
  const prefix = `${String(index + 1).padStart(2, '0')} `
  return `${prefix}${title.replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ')}`.slice(0, 31).trim()
}

/** The annual report as a workbook: one sheet per table, in the report's order. */
export function annualReportWorkbook(report: AnnualReportResult) {
  return buildWorkbook(
    report.tables.map((table, index) => ({
      name: sheetName(index, table.title),
      columns: table.columns,
      rows: table.rows.map((row, i) =>
        table.rowClass[i] === 'area'
          ? { ...row, [table.columns[0].key]: `   ${row[table.columns[0].key] ?? ''}` }
          : row
      ),
    }))
  )
}
