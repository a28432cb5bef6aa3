import type { SheetSpec, Row } from '#support/spreadsheet/writer'
import type { GrantsDashboard } from '#reports/grants/dashboard'
import { deadlinesSheet } from '#exports/grants/sheets'
import { CONSUMPTION_STATES, DEADLINE_KINDS, GRANT_STATUSES } from '#vocabulary/grants'
import { labelOf } from '#vocabulary/labels'

type Dashboard = Awaited<ReturnType<GrantsDashboard['build']>>

/** The finance officer's dashboard as a workbook, one sheet per table of the page. */
export function dashboardSheets(r: Dashboard): Array<SheetSpec & { rows: Iterable<Row> }> {
  return [
    {
      name: 'Par financeur et statut',
      columns: [
        { header: 'Financeur', key: 'funder', type: 'text', width: 36 },
        { header: 'Statut', key: 'status', type: 'text' },
        { header: 'Conventions', key: 'count', type: 'integer' },
        { header: 'Montant accordé', key: 'awarded', type: 'money' },
      ],
      rows: r.byFunder.map((b) => ({ ...b, status: labelOf(GRANT_STATUSES, b.status) })),
    },
    {
      name: 'Montants attendus',
      columns: [
        { header: 'Convention', key: 'reference', type: 'text' },
        { header: 'Financeur', key: 'funder', type: 'text', width: 36 },
        { header: 'Accordé', key: 'awarded', type: 'money' },
        { header: 'Reçu', key: 'received', type: 'money' },
        { header: 'Attendu', key: 'awaited', type: 'money' },
        { header: 'Prochaine échéance', key: 'nextExpected', type: 'date' },
      ],
      rows: r.awaited,
    },
    {
      name: 'Échéances en retard',
      columns: [
        { header: 'Convention', key: 'reference', type: 'text' },
        { header: 'Financeur', key: 'funder', type: 'text', width: 36 },
        { header: 'Nature', key: 'kind', type: 'text' },
        { header: 'Libellé', key: 'label', type: 'text', width: 40 },
        { header: 'Échéance', key: 'dueOn', type: 'date' },
        { header: 'Jours de retard', key: 'daysLate', type: 'integer' },
      ],
      rows: r.reporting.overdue.map((d) => ({ ...d, kind: labelOf(DEADLINE_KINDS, d.kind) })),
    },
    deadlinesSheet(r.deadlines),
    {
      name: 'Consommation',
      columns: [
        { header: 'Convention', key: 'reference', type: 'text' },
        { header: 'Budget', key: 'budget', type: 'money' },
        { header: 'Consommé', key: 'consumed', type: 'money' },
        { header: 'Temps écoulé', key: 'elapsed', type: 'percent' },
        { header: 'Part consommée', key: 'consumedShare', type: 'percent' },
        { header: 'État', key: 'state', type: 'text' },
      ],
      rows: r.consumption.map((c) => ({ ...c, state: labelOf(CONSUMPTION_STATES, c.state) })),
    },
  ]
}
