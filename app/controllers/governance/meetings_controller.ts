import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import { meetingValidator } from '#validators/governance'
import ConveneMeeting from '#actions/governance/convene_meeting'
import MeetingList from '#reports/governance/meetings'
import MeetingMinutes from '#reports/governance/minutes'
import { LedgerChoices } from '#reports/accounting/fiscal_years'
import { fiscalYearTitle } from '#support/french_format'
import { attendanceWorkbook, meetingsWorkbook } from '#exports/governance/composition'
import { sendWorkbook } from '#http/downloads'
import { MEETING_KINDS, RESOLUTION_RESULTS, optionsOf } from '#vocabulary/governance'
import { MEETING_CHOICES, governanceCrumbs } from '#controllers/governance/params'

const meetingsCrumb = () => ({ label: 'Séances', href: urlFor('governance.meetings.index') })
const minutesOf = ({ params, tenant }: HttpContext) =>
  new MeetingMinutes(tenant!, { meetingId: Number(params.id) }).build()

export default class MeetingsController {
  async index({ view, tenant }: HttpContext) {
    const { meetings } = await new MeetingList(tenant!, {}).build()
    return view.render('pages/governance/meetings', {
      meetings,
      breadcrumbs: governanceCrumbs({ label: 'Séances' }),
    })
  }

  async export({ response, tenant }: HttpContext) {
    const { meetings } = await new MeetingList(tenant!, {}).build()
    return sendWorkbook(response, 'seances.xlsx', await meetingsWorkbook(meetings))
  }

  async create({ view }: HttpContext) {
    return view.render('pages/governance/meeting_form', {
      kindOptions: optionsOf(MEETING_KINDS),
      breadcrumbs: governanceCrumbs(meetingsCrumb(), { label: 'Nouvelle séance' }),
    })
  }

  async store({ request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(meetingValidator)
    const meeting = await ConveneMeeting.handle(tenant!, {
      ...payload,
      heldAt: DateTime.fromISO(`${payload.heldOn}T${payload.heldTime ?? '18:00'}`, {
        zone: 'Europe/Paris',
      }),
      convenedAt: payload.convenedAt ? DateTime.fromISO(payload.convenedAt) : null,
    })
    session.flash('success', 'Séance créée : les membres en fonction à cette date sont convoqués.')
    return response.redirect().toRoute('governance.meetings.show', { id: meeting.id })
  }

  async show(ctx: HttpContext) {
    const minutes = await minutesOf(ctx)
    const { years } = await new LedgerChoices(ctx.tenant!, {}).build()
    return ctx.view.render('pages/governance/meeting', {
      ...minutes,
      ...MEETING_CHOICES,
      // A resolution names its fiscal year by its name, never by a typed number.
      fiscalYearOptions: years.map((y) => ({ value: y.id, label: fiscalYearTitle(y.label) })),
      breadcrumbs: governanceCrumbs(meetingsCrumb(), { label: minutes.meeting.title }),
    })
  }

  async minutes(ctx: HttpContext) {
    const minutes = await minutesOf(ctx)
    return ctx.view.render('pages/governance/minutes', { ...minutes, results: RESOLUTION_RESULTS })
  }

  async exportAttendance(ctx: HttpContext) {
    const minutes = await minutesOf(ctx)
    const name = `presences-${minutes.meeting.id}.xlsx`
    return sendWorkbook(ctx.response, name, await attendanceWorkbook(minutes))
  }
}
