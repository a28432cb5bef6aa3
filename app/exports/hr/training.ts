import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'
import type { TrainingReport } from '#reports/hr/training'

const days = (first: string, previous: boolean): ColumnSpec[] => [
  col.text(first, 'label', 40),
  col.number('Femmes (jours)', 'F', 1),
  col.number('Hommes (jours)', 'H', 1),
  col.number('Total (jours)', 'total', 1),
  ...(previous ? [col.number('Total N-1', 'previousTotal', 1)] : []),
]

/** What the OPCO paid, in the refunds and in the requests. */
const received = col.money('Reçu', 'received')

export function trainingWorkbook(report: TrainingReport) {
  return buildWorkbook([
    {
      name: 'Jours par contrat',
      columns: days('Contrat', true),
      rows: report.daysByContract.map((r) => ({ ...r })),
    },
    {
      name: 'Jours par emploi repère',
      columns: days('Emploi repère', false),
      rows: report.daysByJob.map((r) => ({ ...r })),
    },
    {
      name: 'Salariés formés par âge',
      columns: [
        col.text("Tranche d'âge", 'label'),
        col.integer('Femmes', 'F'),
        col.integer('Hommes', 'H'),
        col.integer('Total', 'total'),
        col.integer('Total N-1', 'previousTotal'),
      ],
      rows: report.trainedByAge,
    },
    {
      name: 'Coût du plan',
      columns: [col.text('Poste', 'label', 40), col.money('Montant', 'amount')],
      rows: [
        ...report.costs,
        { label: 'Total des frais annexes', amount: report.costGroups.annexes },
        { label: 'Total du plan', amount: report.costGroups.total },
      ],
    },
    {
      name: 'Remboursements OPCO',
      columns: [
        col.text('Mode (Uniformation)', 'label', 40),
        col.money('Demandé', 'expected'),
        received,
      ],
      rows: [...report.refunds, { label: 'Total', expected: null, received: report.refundsTotal }],
    },
    {
      name: 'Demandes de prise en charge',
      columns: [
        col.text('Action de formation', 'action', 40),
        col.text('Financeur', 'funder', 22),
        col.text('Mode', 'mode', 30),
        col.date('Demandée le', 'requestedOn'),
        col.money('Demandé', 'requested'),
        col.date('Reçu le', 'receivedOn'),
        received,
        col.money('Reste dû', 'outstanding'),
      ],
      rows: [
        ...report.requests.map((r) => ({ ...r })),
        {
          action: 'Total',
          requested: report.requestsTotal.requested,
          received: report.requestsTotal.received,
          outstanding: report.requestsTotal.outstanding,
        },
      ],
    },
  ])
}
