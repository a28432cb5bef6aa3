import type { SheetSpec, Row } from '#support/spreadsheet/writer'
import type { GrantBudget, BudgetRow } from '#reports/grants/grant_budget'
import type { GrantFiscalYears } from '#reports/grants/grant_fiscal_years'
import { col } from '#support/spreadsheet/columns'

type Budget = Awaited<ReturnType<GrantBudget['build']>>

function sheet(name: string, first: string, table: { rows: BudgetRow[]; total: BudgetRow }) {
  return {
    name,
    columns: [
      col.text(first, 'label', 50),
      col.money('Budget', 'budget'),
      col.money('Réalisé', 'actual'),
      col.money('Écart (budget − réalisé)', 'gap'),
      col.percent('Réalisé / budget', 'rate'),
    ],
    rows: [...table.rows, table.total],
  }
}

/** A convention's cost budget against its actual costs: by nature, by programme. */
export function grantBudgetSheets(budget: Budget): Array<SheetSpec & { rows: Iterable<Row> }> {
  return [
    sheet('Par nature', 'Nature de charge', budget.natures),
    sheet('Par dispositif', 'Dispositif', budget.programmes),
  ]
}

type FiscalYears = Awaited<ReturnType<GrantFiscalYears['build']>>

/** A convention across its fiscal years, with the totals row. */
export function grantFiscalYearsSheet(report: FiscalYears): SheetSpec & { rows: Iterable<Row> } {
  return {
    name: 'Suivi pluriannuel',
    columns: [
      col.text('Exercice', 'year'),
      col.money('Accordé (répartition)', 'awarded'),
      col.money('Produits reconnus', 'recognised'),
      col.money('Charges consommées', 'consumed'),
      col.money('Fonds dédiés constitués (6894)', 'dedicatedOpened'),
      col.money('Fonds dédiés utilisés (7894)', 'dedicatedUsed'),
    ],
    rows: [
      ...report.years.map((y) => ({ ...y, year: String(y.year) })),
      { ...report.total, year: 'Total' },
    ],
  }
}
