import type { AlertRow } from '#reports/alerts/alert_list'
import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'
import { ALERT_KINDS } from '#vocabulary/alerts'

export const alertColumns: ColumnSpec[] = [
  col.text('État', 'state', 14),
  col.date('Échéance', 'dueOn'),
  col.text('Type', 'kind', 30),
  col.text('Alerte', 'title', 60),
  col.text('Précision', 'detail', 60),
  col.text('Lue', 'dismissed', 8),
]

/** A person's open alerts (the page's two lists) as a workbook. */
export function alertsWorkbook(alerts: AlertRow[]) {
  return buildWorkbook([
    {
      name: 'Alertes',
      columns: alertColumns,
      rows: alerts.map((alert) => ({
        state: alert.overdue ? 'En retard' : 'À échéance',
        dueOn: alert.dueOn,
        kind: ALERT_KINDS[alert.kind],
        title: alert.title,
        detail: alert.detail ?? '',
        dismissed: alert.dismissed ? 'oui' : 'non',
      })),
    },
  ])
}
