import { buildWorkbook } from '#support/spreadsheet/writer'
import type { ReconciliationStatusResult } from '#reports/reconciliation/reconciliation_status'
import { col } from '#support/spreadsheet/columns'

export function resultsWorkbook(status: ReconciliationStatusResult) {
  return buildWorkbook([
    {
      name: `Rapprochements ${status.year}`,
      columns: [
        col.text('Statut', 'statusLabel', 18),
        col.text('Statut précédent', 'previousStatusLabel', 18),
        col.text('Domaine', 'domainLabel', 28),
        col.text('Contrôle', 'checkId', 40),
        col.text('Libellé', 'title', 60),
        col.number('Attendu', 'expected', 2),
        col.number('Constaté', 'actual', 2),
        col.number('Écart', 'difference', 2),
        col.number('Tolérance', 'tolerance', 2),
        col.text('Unité', 'unit', 10),
        col.text('Explication', 'explanation', 80),
      ],
      rows: status.results,
    },
    {
      name: 'Détail',
      columns: [
        col.text('Contrôle', 'checkId', 40),
        col.text('Élément', 'label', 60),
        col.number('Valeur', 'value', 2),
        col.text('Source', 'source', 30),
      ],
      rows: status.results.flatMap((r) =>
        r.details.map((d) => ({
          checkId: r.checkId,
          label: d.label,
          value: typeof d.value === 'number' ? d.value : null,
          source: d.source ?? null,
        }))
      ),
    },
  ])
}
