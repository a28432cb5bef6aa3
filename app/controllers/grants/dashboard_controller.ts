import type { HttpContext } from '@adonisjs/core/http'
import { dayOf } from '#controllers/grants/day_param'
import { GrantsDashboard, awardedChart } from '#reports/grants/dashboard'
import { dashboardSheets } from '#exports/grants/dashboard'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import {
  CONSUMPTION_STATES,
  DASHBOARD_DEADLINE_KINDS,
  DEADLINE_KINDS,
  GRANT_STATUSES,
} from '#vocabulary/grants'

export default class GrantsDashboardController {
  async show({ view, tenant, request }: HttpContext) {
    // ?date= computes the dashboard at another day (today by default).
    const today = dayOf(request.input('date'))
    const report = await new GrantsDashboard(tenant!, { today }).build()
    return view.render('pages/grants/dashboard', {
      report,
      chart: awardedChart(report),
      statusLabels: GRANT_STATUSES,
      deadlineLabels: DEADLINE_KINDS,
      kindLabels: DASHBOARD_DEADLINE_KINDS,
      consumptionLabels: CONSUMPTION_STATES,
      breadcrumbs: [{ label: 'Financements' }],
    })
  }

  async export({ response, tenant, request }: HttpContext) {
    const today = dayOf(request.input('date'))
    const report = await new GrantsDashboard(tenant!, { today }).build()
    return sendWorkbook(
      response,
      'financements-tableau-de-bord.xlsx',
      await buildWorkbook(dashboardSheets(report))
    )
  }
}
