import type { Decimal } from 'decimal.js'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'
import type { ProgrammeCosts } from '#reports/accounting/programme_costs'
import { RESERVED_STAFF_COST } from '#reports/hr/staff_cost_privacy'

/** Cost per programme: one row per programme, then the unspread overheads and the total. */
export async function programmeCostsWorkbook(report: ProgrammeCosts) {
  const weightColumn =
    report.key === 'etp'
      ? col.number('Clé : ETP', 'weight', 2)
      : col.money(`Clé : ${report.keyLabel}`, 'weight')
  return buildWorkbook([
    {
      name: `Coût par dispositif ${report.year}`,
      columns: [
        col.text('Code', 'code', 12),
        col.text('Dispositif', 'name', 40),
        col.money('Coûts directs', 'direct'),
        weightColumn,
        col.percent('Part des frais de structure', 'share'),
        col.money('Frais de structure répartis', 'overheads'),
        col.money('Coût complet', 'total'),
        col.text('Remarque', 'note', 40),
      ],
      rows: [
        ...report.rows.map((row) => ({
          ...row,
          weight: keyValue(report, row.weight),
          note: row.direct === null ? RESERVED_STAFF_COST : null,
        })),
        ...totals(report),
      ],
    },
  ])
}

/** The unspread overheads and the total row, or why the totals are not shown. */
function totals(report: ProgrammeCosts) {
  const t = report.totals
  if (t === null) return [{ name: 'Total des charges', note: RESERVED_STAFF_COST }]
  return [
    ...(t.unspread.isZero()
      ? []
      : [{ name: 'Frais de structure non répartis', overheads: t.unspread }]),
    {
      name: 'Total des charges',
      direct: t.direct,
      weight: keyValue(report, t.weight),
      share: report.rows.length ? 1 : null,
      overheads: t.overheads,
      total: t.charges,
    },
  ]
}

/** FTE are plain numbers, the other keys amounts. */
const keyValue = (report: ProgrammeCosts, value: Decimal | null) =>
  value === null ? null : report.key === 'etp' ? value.toNumber() : value
