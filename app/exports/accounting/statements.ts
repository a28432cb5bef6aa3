import { buildWorkbook, type SheetSpec, type Row } from '#support/spreadsheet/writer'
import type { StatementReport } from '#reports/accounting/statements'
import { col } from '#support/spreadsheet/columns'

/** Label indented like the screen: two spaces per level below the first. */
const indent = (level: number, label: string) => `${'  '.repeat(Math.max(0, level - 1))}${label}`

/** Compte de résultat laid out like the screen: N, N-1, budget, variance € and %. */
export function incomeStatementSheet(report: StatementReport): SheetSpec & { rows: Row[] } {
  return {
    name: 'Compte de résultat',
    columns: [
      col.text('Code', 'code', 8),
      col.text('Rubrique', 'label', 60),
      col.money(report.fiscalYear.label, 'current'),
      col.money(report.previousYear?.label ?? 'N-1', 'previous'),
      col.money(report.budget?.label ?? 'Budget', 'budget'),
      col.money('Écart (€)', 'variance'),
      col.percent('Écart (%)', 'variancePercent'),
    ],
    rows: report.rows.map((r) => ({
      code: r.code,
      label: indent(r.level, r.label),
      current: r.kind === 'heading' ? null : r.current,
      previous: r.kind === 'heading' ? null : r.previous,
      budget: r.budget,
      variance: r.variance,
      variancePercent: r.variancePercent,
    })),
  }
}

/** Bilan: actif (brut, amortissements et provisions, net N, net N-1) then passif (N, N-1). */
export function balanceSheetSheets(report: StatementReport): Array<SheetSpec & { rows: Row[] }> {
  const actif = report.rows.filter((r) => r.section === 'actif')
  const passif = report.rows.filter((r) => r.section === 'passif')
  return [
    {
      name: 'Bilan actif',
      columns: [
        col.text('Code', 'code', 8),
        col.text('Actif', 'label', 50),
        col.money('Brut', 'gross'),
        col.money('Amortissements et provisions', 'depreciation'),
        col.money(`Net ${report.fiscalYear.label}`, 'current'),
        col.money(`Net ${report.previousYear?.label ?? 'N-1'}`, 'previous'),
      ],
      rows: actif.map((r) => ({
        code: r.code,
        label: indent(r.level, r.label),
        gross: r.kind === 'heading' ? null : r.gross,
        depreciation: r.kind === 'heading' ? null : r.depreciation,
        current: r.kind === 'heading' ? null : r.current,
        previous: r.kind === 'heading' ? null : r.previous,
      })),
    },
    {
      name: 'Bilan passif',
      columns: [
        col.text('Code', 'code', 8),
        col.text('Passif', 'label', 50),
        col.money(report.fiscalYear.label, 'current'),
        col.money(report.previousYear?.label ?? 'N-1', 'previous'),
      ],
      rows: passif.map((r) => ({
        code: r.code,
        label: indent(r.level, r.label),
        current: r.kind === 'heading' ? null : r.current,
        previous: r.kind === 'heading' ? null : r.previous,
      })),
    },
  ]
}

/** Accounts of one statement line (drill-down). */
export function lineAccountsSheet(
  report: StatementReport,
  code: string
): SheetSpec & { rows: Row[] } {
  const line = report.rows.find((r) => r.code === code)
  return {
    name: `Ligne ${code}`.slice(0, 31),
    columns: [
      col.text('Compte', 'number', 12),
      col.text('Libellé', 'label', 50),
      col.money(report.fiscalYear.label, 'current'),
      col.money(report.previousYear?.label ?? 'N-1', 'previous'),
    ],
    rows: (line?.accounts ?? []).map((a) => ({ ...a })),
  }
}

/** Workbook of the compte de résultat (also a budget's workbook). */
export function incomeStatementWorkbook(report: StatementReport) {
  return buildWorkbook([incomeStatementSheet(report)])
}

/** Workbook of the bilan (actif and passif sheets). */
export function balanceSheetWorkbook(report: StatementReport) {
  return buildWorkbook(balanceSheetSheets(report))
}

/** Workbook of one line's accounts. */
export function lineAccountsWorkbook(report: StatementReport, code: string) {
  return buildWorkbook([lineAccountsSheet(report, code)])
}
