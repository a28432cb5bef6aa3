import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import type { TrainingReport } from '#reports/hr/training'

const days = (first: string, previous: boolean): ColumnSpec[] => [
  { header: first, key: 'label', type: 'text', width: 40 },
  { header: 'Femmes (jours)', key: 'F', type: 'number', decimals: 1 },
  { header: 'Hommes (jours)', key: 'H', type: 'number', decimals: 1 },
  { header: 'Total (jours)', key: 'total', type: 'number', decimals: 1 },
  ...(previous
    ? ([{ header: 'Total N-1', key: 'previousTotal', type: 'number', decimals: 1 }] as ColumnSpec[])
    : []),
]

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
        { header: "Tranche d'âge", key: 'label', type: 'text' },
        { header: 'Femmes', key: 'F', type: 'integer' },
        { header: 'Hommes', key: 'H', type: 'integer' },
        { header: 'Total', key: 'total', type: 'integer' },
        { header: 'Total N-1', key: 'previousTotal', type: 'integer' },
      ],
      rows: report.trainedByAge,
    },
    {
      name: 'Coût du plan',
      columns: [
        { header: 'Poste', key: 'label', type: 'text', width: 40 },
        { header: 'Montant', key: 'amount', type: 'money' },
      ],
      rows: [
        ...report.costs,
        { label: 'Total des frais annexes', amount: report.costGroups.annexes },
        { label: 'Total du plan', amount: report.costGroups.total },
      ],
    },
    {
      name: 'Remboursements OPCO',
      columns: [
        { header: 'Mode (Uniformation)', key: 'label', type: 'text', width: 40 },
        { header: 'Demandé', key: 'expected', type: 'money' },
        { header: 'Reçu', key: 'received', type: 'money' },
      ],
      rows: [...report.refunds, { label: 'Total', expected: null, received: report.refundsTotal }],
    },
    {
      name: 'Demandes de prise en charge',
      columns: [
        { header: 'Action de formation', key: 'action', type: 'text', width: 40 },
        { header: 'Financeur', key: 'funder', type: 'text', width: 22 },
        { header: 'Mode', key: 'mode', type: 'text', width: 30 },
        { header: 'Demandée le', key: 'requestedOn', type: 'date' },
        { header: 'Demandé', key: 'requested', type: 'money' },
        { header: 'Reçu le', key: 'receivedOn', type: 'date' },
        { header: 'Reçu', key: 'received', type: 'money' },
        { header: 'Reste dû', key: 'outstanding', type: 'money' },
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
