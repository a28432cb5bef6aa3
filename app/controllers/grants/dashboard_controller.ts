import type { HttpContext } from '@adonisjs/core/http'
import { dayOf } from '#controllers/grants/day_param'
import { GrantsDashboard } from '#reports/grants/dashboard'
import { deadlinesSheet } from '#exports/grants/sheets'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import {
  GRANT_STATUS_LABELS,
  DEADLINE_KIND_LABELS,
  SCHEDULE_KIND_LABELS,
} from '#models/grants/grant'

export default class GrantsDashboardController {
  async show({ view, auth, request }: HttpContext) {
    // ?date= computes the dashboard at another day (today by default).
    const day = dayOf(request.input('date'))
    const report = await new GrantsDashboard(auth.user!.organisationId, day).compute()
    const byFunder = new Map<string, number>()
    for (const row of report.byFunder) {
      byFunder.set(row.funder, (byFunder.get(row.funder) ?? 0) + row.awarded.round().toNumber())
    }
    return view.render('pages/grants/dashboard', {
      report,
      chart: {
        type: 'bar',
        labels: [...byFunder.keys()],
        datasets: [{ label: 'Montant accordé (€)', data: [...byFunder.values()] }],
      },
      statusLabels: GRANT_STATUS_LABELS,
      deadlineLabels: DEADLINE_KIND_LABELS,
      kindLabels: {
        ...DEADLINE_KIND_LABELS,
        ...Object.fromEntries(
          Object.entries(SCHEDULE_KIND_LABELS).map(([k, v]) => [`payment_${k}`, `Versement : ${v}`])
        ),
      },
      breadcrumbs: [{ label: 'Financements' }],
    })
  }

  async export({ response, auth, request }: HttpContext) {
    const day = dayOf(request.input('date'))
    const r = await new GrantsDashboard(auth.user!.organisationId, day).compute()
    return sendWorkbook(
      response,
      'financements-tableau-de-bord.xlsx',
      await buildWorkbook([
        {
          name: 'Par financeur et statut',
          columns: [
            { header: 'Financeur', key: 'funder', type: 'text', width: 36 },
            { header: 'Statut', key: 'status', type: 'text' },
            { header: 'Conventions', key: 'count', type: 'integer' },
            { header: 'Montant accordé', key: 'awarded', type: 'money' },
          ],
          rows: r.byFunder.map((b) => ({
            ...b,
            status: GRANT_STATUS_LABELS[b.status] ?? b.status,
          })),
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
          rows: r.reporting.overdue.map((d) => ({
            ...d,
            kind: DEADLINE_KIND_LABELS[d.kind] ?? d.kind,
          })),
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
          rows: r.consumption.map((c) => ({
            ...c,
            state: { on_plan: 'Conforme', behind: 'En retard', ahead: 'En avance' }[c.state],
          })),
        },
      ])
    )
  }
}
