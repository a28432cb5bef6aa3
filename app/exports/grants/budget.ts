import type { SheetSpec, Row } from '#support/spreadsheet/writer'
import type { GrantBudget, BudgetRow } from '#reports/grants/grant_budget'
import type { GrantFiscalYears } from '#reports/grants/grant_fiscal_years'
import { col } from '#support/spreadsheet/columns'
import { RESERVED_STAFF_COST } from '#reports/hr/staff_cost_privacy'

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
    staffSheet(budget.staff),
  ]
}

const reserved = (amount: unknown) => (amount === null ? RESERVED_STAFF_COST : null)

/** The réalisé with HR's staff costs (time allocated × cost per person), line by line. */
function staffSheet(staff: Budget['staff']): SheetSpec & { rows: Iterable<Row> } {
  const staffRows =
    staff.source === 'hr'
      ? staff.programmes.map((p) => ({
          label: `Personnel affecté au dispositif ${p.label} (temps affectés, RH)`,
          hours: p.hours.toNumber(),
          amount: p.total,
          note: reserved(p.total),
        }))
      : [{ label: 'Frais de personnel imputés (grand livre, 64)', amount: staff.ledgerStaff }]
  return {
    name: 'Réalisé avec personnel RH',
    columns: [
      col.text('Origine', 'label', 60),
      col.number('Heures', 'hours', 2),
      col.money('Montant', 'amount'),
      col.text('Remarque', 'note', 40),
    ],
    rows: [
      { label: 'Charges hors personnel imputées (grand livre)', amount: staff.otherCosts },
      ...staffRows,
      { label: 'Réalisé', amount: staff.actual, note: reserved(staff.actual) },
      { label: 'Budget total', amount: staff.budget },
      { label: 'Écart (budget − réalisé)', amount: staff.gap, note: reserved(staff.gap) },
      ...(staff.source === 'hr'
        ? [
            {
              label: 'Pour mémoire : frais de personnel du grand livre (64)',
              amount: staff.ledgerStaff,
            },
          ]
        : []),
    ],
  }
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
