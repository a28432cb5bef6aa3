import type { HttpContext } from '@adonisjs/core/http'
import { dayOf } from '#controllers/grants/day_param'
import { DEADLINE_KIND_LABELS, SCHEDULE_KIND_LABELS } from '#models/grants/grant'
import Meeting from '#models/governance/meeting'
import Person from '#models/governance/person'
import Seat, { OBTAINED_BY } from '#models/governance/seat'
import CompositionReport from '#reports/governance/composition'
import { otherDomainsAvailability } from '#reports/governance/portal'

/**
 * Board members' home: read-only. Their own mandate (user linked to a person by e-mail), the
 * next meetings with their documents, the board's key figures; nothing personal about staff.
 */
export default class PortalController {
  async show({ auth, view, request }: HttpContext) {
    // ?date= shows the portal as it stood (or will stand) at another day; today by default.
    const today = dayOf(request.input('date'))
    const person = await Person.forEmail(auth.user!.email).first()
    const mandates = person
      ? await Seat.query()
          .where('person_id', person.id)
          .preload('college')
          .preload('memberBody')
          .orderBy('mandate_start', 'desc')
      : []
    const nextMeetings = await Meeting.query()
      .where('held_at', '>=', today.toISO()!)
      .whereNot('status', 'cancelled')
      .preload('documents')
      .orderBy('held_at')
      .limit(5)
    const lastMeetings = await Meeting.query()
      .where('held_at', '<', today.toISO()!)
      .preload('documents')
      .orderBy('held_at', 'desc')
      .limit(3)
    return view.render('pages/governance/portal', {
      today,
      person,
      mandates,
      obtainedBy: OBTAINED_BY,
      nextMeetings,
      lastMeetings,
      composition: await CompositionReport.build(today),
      domains: await otherDomainsAvailability(auth.user!.organisationId, today),
      deadlineLabels: DEADLINE_KIND_LABELS,
      scheduleLabels: SCHEDULE_KIND_LABELS,
      breadcrumbs: [
        { label: 'Gouvernance', href: '/gouvernance' },
        { label: 'Portail des administrateurs' },
      ],
    })
  }
}
