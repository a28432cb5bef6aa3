import type { SheetSpec, Row } from '#support/spreadsheet/writer'
import type { FunderReport } from '#reports/grants/funder_report'
import { col } from '#support/spreadsheet/columns'
import { RESERVED_STAFF_COST } from '#reports/hr/staff_cost_privacy'

type Report = Awaited<ReturnType<FunderReport['build']>>

const reserved = (amount: unknown) => (amount === null ? RESERVED_STAFF_COST : null)

/** The bilan d'exécution as a workbook: costs, resources, activity, participants. */
export function funderReportSheets(report: Report): Array<SheetSpec & { rows: Iterable<Row> }> {
  const c = report.costs
  return [
    {
      name: 'Dépenses',
      columns: [
        col.text('Poste', 'label', 60),
        col.money('Montant', 'amount'),
        col.text('Remarque', 'note', 40),
      ],
      rows: [
        {
          label: `Frais de personnel directs (${c.staffSource === 'hr' ? 'temps RH × coût salarial' : 'grand livre 64'})`,
          amount: c.staff,
          note: reserved(c.staff),
        },
        { label: 'Autres coûts directs (grand livre)', amount: c.other },
        { label: c.flatLabel, amount: c.flat, note: reserved(c.flat) },
        { label: 'Total des dépenses éligibles', amount: c.eligible, note: reserved(c.eligible) },
      ],
    },
    {
      name: 'Ressources',
      columns: [
        col.text('Convention', 'reference'),
        col.text('Financeur', 'funder', 40),
        col.money('Produit sur la période', 'amount'),
      ],
      rows: [
        ...report.resources,
        { reference: 'Total', funder: '', amount: report.totalResources },
      ],
    },
    {
      name: 'Activité',
      columns: [
        col.text('Indicateur', 'code'),
        col.text('Libellé', 'label', 40),
        col.integer('Année', 'year'),
        col.number('Objectif', 'target', 0),
        col.number('Réalisé', 'achieved', 0),
        col.percent('Taux de réalisation', 'rate'),
      ],
      rows: report.activity,
    },
    {
      name: 'Participants',
      columns: [
        col.text('Indicateur', 'code'),
        col.text('Libellé', 'label', 40),
        col.integer('Année', 'year'),
        col.text('Ventilation', 'breakdown'),
        col.text('Modalité', 'modality'),
        col.number('Valeur', 'value', 0),
      ],
      rows: report.participants,
    },
  ]
}
