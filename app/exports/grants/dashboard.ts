import type { SheetSpec, Row } from '#support/spreadsheet/writer'
import type { GrantsDashboard } from '#reports/grants/dashboard'
import { deadlinesSheet } from '#exports/grants/sheets'
import { CONSUMPTION_STATES, DEADLINE_KINDS, GRANT_STATUSES } from '#vocabulary/grants'
import { labelOf } from '#vocabulary/labels'
import { col } from '#support/spreadsheet/columns'

type Dashboard = Awaited<ReturnType<GrantsDashboard['build']>>

/** The finance officer's dashboard as a workbook, one sheet per table of the page. */
export function dashboardSheets(r: Dashboard): Array<SheetSpec & { rows: Iterable<Row> }> {
  return [
    {
      name: 'Par financeur et statut',
      columns: [
        col.text('Financeur', 'funder', 36),
        col.text('Statut', 'status'),
        col.integer('Conventions', 'count'),
        col.money('Montant accordé', 'awarded'),
      ],
      rows: r.byFunder.map((b) => ({ ...b, status: labelOf(GRANT_STATUSES, b.status) })),
    },
    {
      name: 'Montants attendus',
      columns: [
        col.text('Convention', 'reference'),
        col.text('Financeur', 'funder', 36),
        col.money('Accordé', 'awarded'),
        col.money('Reçu', 'received'),
        col.money('Attendu', 'awaited'),
        col.date('Prochaine échéance', 'nextExpected'),
      ],
      rows: r.awaited,
    },
    {
      name: 'Échéances en retard',
      columns: [
        col.text('Convention', 'reference'),
        col.text('Financeur', 'funder', 36),
        col.text('Nature', 'kind'),
        col.text('Libellé', 'label', 40),
        col.date('Échéance', 'dueOn'),
        col.integer('Jours de retard', 'daysLate'),
      ],
      rows: r.reporting.overdue.map((d) => ({ ...d, kind: labelOf(DEADLINE_KINDS, d.kind) })),
    },
    deadlinesSheet(r.deadlines),
    {
      name: 'Consommation',
      columns: [
        col.text('Convention', 'reference'),
        col.money('Budget', 'budget'),
        col.money('Consommé', 'consumed'),
        col.percent('Temps écoulé', 'elapsed'),
        col.percent('Part consommée', 'consumedShare'),
        col.text('État', 'state'),
      ],
      rows: r.consumption.map((c) => ({ ...c, state: labelOf(CONSUMPTION_STATES, c.state) })),
    },
  ]
}
