import { buildWorkbook } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'
import type { ProgrammeCosts } from '#reports/accounting/programme_costs'

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
      ],
      rows: [
        ...report.rows.map((row) => ({ ...row, weight: keyValue(report, row.weight) })),
        ...(report.totals.unspread.isZero()
          ? []
          : [{ name: 'Frais de structure non répartis', overheads: report.totals.unspread }]),
        {
          name: 'Total des charges',
          direct: report.totals.direct,
          weight: keyValue(report, report.totals.weight),
          share: report.rows.length ? 1 : null,
          overheads: report.totals.overheads,
          total: report.totals.charges,
        },
      ],
    },
  ])
}

/** FTE are plain numbers, the other keys amounts. */
const keyValue = (report: ProgrammeCosts, value: ProgrammeCosts['totals']['weight']) =>
  report.key === 'etp' ? value.toNumber() : value
