import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Meeting, { MEETING_KINDS } from '#models/governance/meeting'
import { ATTENDANCE_STATUSES } from '#models/governance/attendance'
import { MAJORITIES, SUBJECT_KINDS, RESULTS } from '#models/governance/resolution'
import { meetingValidator } from '#validators/governance'
import { conveneMeeting, proxyCap } from '#actions/governance/meetings'
import { minutesOf } from '#reports/governance/minutes'
import { attendanceWorkbook, meetingsWorkbook } from '#exports/governance/composition'
import { underRules } from '#models/governance/rule_error'
import { sendWorkbook } from '#http/downloads'

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }))

export default class MeetingsController {
  async index({ view }: HttpContext) {
    const meetings = await Meeting.query().orderBy('held_at', 'desc')
    return view.render('pages/governance/meetings', {
      meetings,
      breadcrumbs: [{ label: 'Gouvernance', href: '/gouvernance' }, { label: 'Séances' }],
    })
  }

  async export({ response }: HttpContext) {
    const meetings = await Meeting.query().orderBy('held_at', 'desc')
    return sendWorkbook(response, 'seances.xlsx', await meetingsWorkbook(meetings))
  }

  async create({ view }: HttpContext) {
    return view.render('pages/governance/meeting_form', {
      kindOptions: options(MEETING_KINDS),
      breadcrumbs: [
        { label: 'Gouvernance', href: '/gouvernance' },
        { label: 'Séances', href: '/gouvernance/seances' },
        { label: 'Nouvelle séance' },
      ],
    })
  }

  async store({ request, response, session }: HttpContext) {
    const payload = await request.validateUsing(meetingValidator)
    const meeting = await underRules(() =>
      db.transaction((trx) =>
        conveneMeeting(
          {
            kind: payload.kind,
            title: payload.title,
            heldAt: DateTime.fromISO(`${payload.heldOn}T${payload.heldTime ?? '18:00'}`, {
              zone: 'Europe/Paris',
            }),
            location: payload.location ?? null,
            convenedAt: payload.convenedAt ? DateTime.fromISO(payload.convenedAt) : null,
            agenda: payload.agenda ?? null,
            secondConvening: payload.secondConvening ?? false,
          },
          trx
        )
      )
    )
    session.flash('success', 'Séance créée : les membres en fonction à cette date sont convoqués.')
    return response.redirect(`/gouvernance/seances/${meeting.id}`)
  }

  async show({ params, view }: HttpContext) {
    const minutes = await minutesOf(Number(params.id))
    const cap = await db.transaction((trx) => proxyCap(minutes.meeting, trx))
    return view.render('pages/governance/meeting', {
      ...minutes,
      proxyCap: cap,
      statuses: options(ATTENDANCE_STATUSES),
      majorities: options(MAJORITIES),
      subjects: options(SUBJECT_KINDS),
      results: RESULTS,
      holders: minutes.attendances.filter((a) => a.status === 'present'),
      breadcrumbs: [
        { label: 'Gouvernance', href: '/gouvernance' },
        { label: 'Séances', href: '/gouvernance/seances' },
        { label: minutes.meeting.title },
      ],
    })
  }

  async minutes({ params, view }: HttpContext) {
    const minutes = await minutesOf(Number(params.id))
    return view.render('pages/governance/minutes', { ...minutes, results: RESULTS })
  }

  async exportAttendance({ params, response }: HttpContext) {
    const minutes = await minutesOf(Number(params.id))
    return sendWorkbook(
      response,
      `presences-${minutes.meeting.id}.xlsx`,
      await attendanceWorkbook(minutes)
    )
  }
}
