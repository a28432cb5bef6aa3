import type { HttpContext } from '@adonisjs/core/http'
import { dayOf } from '#controllers/grants/day_param'
import {
  DEADLINE_KINDS as DEADLINE_KIND_LABELS,
  SCHEDULE_KINDS as SCHEDULE_KIND_LABELS,
} from '#vocabulary/grants'
import BoardPortal from '#reports/governance/portal'
import { OBTAINED_BY, SEAT_ROLES } from '#vocabulary/governance'
import { governanceCrumbs } from '#controllers/governance/params'
import { pageYear } from '#http/year_choice'

/**
 * Board members' home: read-only. Their own mandate (user linked to a person by e-mail), the
 * next meetings with their documents, the board's key figures; nothing personal about staff.
 */
export default class PortalController {
  async show(ctx: HttpContext) {
    const { auth, view, request, tenant } = ctx
    // ?date= shows the portal as it stood (or will stand) at another day; today by default.
    const today = dayOf(request.input('date'))
    // The budget table opens on the latest fiscal year with income or expenses, as the statements.
    const year = await pageYear(ctx, 'accounting')
    const portal = await new BoardPortal(tenant!, { email: auth.user!.email, today, year }).build()
    return view.render('pages/governance/portal', {
      today,
      ...portal,
      obtainedBy: OBTAINED_BY,
      seatRoles: SEAT_ROLES,
      deadlineLabels: DEADLINE_KIND_LABELS,
      scheduleLabels: SCHEDULE_KIND_LABELS,
      breadcrumbs: governanceCrumbs({ label: 'Portail des administrateurs' }),
    })
  }
}
