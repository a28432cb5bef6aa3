import { buildWorkbook } from '#support/spreadsheet/writer'
import type { ReconciliationStatusResult } from '#reports/reconciliation/reconciliation_status'

export function resultsWorkbook(status: ReconciliationStatusResult) {
  return buildWorkbook([
    {
      name: `Rapprochements ${status.year}`,
      columns: [
        { key: 'statusLabel', header: 'Statut', type: 'text', width: 18 },
        { key: 'previousStatusLabel', header: 'Statut précédent', type: 'text', width: 18 },
        { key: 'domainLabel', header: 'Domaine', type: 'text', width: 28 },
        { key: 'checkId', header: 'Contrôle', type: 'text', width: 40 },
        { key: 'title', header: 'Libellé', type: 'text', width: 60 },
        { key: 'expected', header: 'Attendu', type: 'number', decimals: 2 },
        { key: 'actual', header: 'Constaté', type: 'number', decimals: 2 },
        { key: 'difference', header: 'Écart', type: 'number', decimals: 2 },
        { key: 'tolerance', header: 'Tolérance', type: 'number', decimals: 2 },
        { key: 'unit', header: 'Unité', type: 'text', width: 10 },
        { key: 'explanation', header: 'Explication', type: 'text', width: 80 },
      ],
      rows: status.results,
    },
    {
      name: 'Détail',
      columns: [
        { key: 'checkId', header: 'Contrôle', type: 'text', width: 40 },
        { key: 'label', header: 'Élément', type: 'text', width: 60 },
        { key: 'value', header: 'Valeur', type: 'number', decimals: 2 },
        { key: 'source', header: 'Source', type: 'text', width: 30 },
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
