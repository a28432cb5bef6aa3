import type { SheetSpec, Row } from '#support/spreadsheet/writer'
import type { FunderReport } from '#reports/grants/funder_report'

type Report = Awaited<ReturnType<FunderReport['build']>>

/** The bilan d'exécution as a workbook: costs, resources, activity, participants. */
export function funderReportSheets(report: Report): Array<SheetSpec & { rows: Iterable<Row> }> {
  const c = report.costs
  return [
    {
      name: 'Dépenses',
      columns: [
        { header: 'Poste', key: 'label', type: 'text', width: 60 },
        { header: 'Montant', key: 'amount', type: 'money' },
      ],
      rows: [
        {
          label: `Frais de personnel directs (${c.staffSource === 'hr' ? 'temps RH × coût salarial' : 'grand livre 64'})`,
          amount: c.staff,
        },
        { label: 'Autres coûts directs (grand livre)', amount: c.other },
        { label: c.flatLabel, amount: c.flat },
        { label: 'Total des dépenses éligibles', amount: c.eligible },
      ],
    },
    {
      name: 'Ressources',
      columns: [
        { header: 'Convention', key: 'reference', type: 'text' },
        { header: 'Financeur', key: 'funder', type: 'text', width: 40 },
        { header: 'Produit sur la période', key: 'amount', type: 'money' },
      ],
      rows: [
        ...report.resources,
        { reference: 'Total', funder: '', amount: report.totalResources },
      ],
    },
    {
      name: 'Activité',
      columns: [
        { header: 'Indicateur', key: 'code', type: 'text' },
        { header: 'Libellé', key: 'label', type: 'text', width: 40 },
        { header: 'Année', key: 'year', type: 'integer' },
        { header: 'Objectif', key: 'target', type: 'number', decimals: 0 },
        { header: 'Réalisé', key: 'achieved', type: 'number', decimals: 0 },
        { header: 'Taux de réalisation', key: 'rate', type: 'percent' },
      ],
      rows: report.activity,
    },
    {
      name: 'Participants',
      columns: [
        { header: 'Indicateur', key: 'code', type: 'text' },
        { header: 'Libellé', key: 'label', type: 'text', width: 40 },
        { header: 'Année', key: 'year', type: 'integer' },
        { header: 'Ventilation', key: 'breakdown', type: 'text' },
        { header: 'Modalité', key: 'modality', type: 'text' },
        { header: 'Valeur', key: 'value', type: 'number', decimals: 0 },
      ],
      rows: report.participants,
    },
  ]
}
