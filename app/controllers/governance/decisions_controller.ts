import type { HttpContext } from '@adonisjs/core/http'
import {
  attendanceValidator,
  proclamationValidator,
  resolutionValidator,
  votesValidator,
} from '#validators/governance'
import RecordAttendance from '#actions/governance/record_attendance'
import AddResolution from '#actions/governance/add_resolution'
import RecordVotes from '#actions/governance/record_votes'
import RecordResolutionResult from '#actions/governance/record_resolution_result'
import { byAttendance, meetingUrl } from '#controllers/governance/params'

/** Attendance, resolutions, votes and results of a meeting: each a recorded, audited change. */
export default class DecisionsController {
  async attendance({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(attendanceValidator)
    await RecordAttendance.handle(tenant!, {
      meetingId: Number(params.id),
      attendanceId: Number(params.attendanceId),
      status: payload.status,
      proxyToId: payload.proxyToId ?? null,
    })
    session.flash('success', 'Présence enregistrée.')
    return response.redirect(meetingUrl(params.id, 'presences'))
  }

  async resolution({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(resolutionValidator)
    await AddResolution.handle(tenant!, { ...payload, meetingId: Number(params.id) })
    session.flash('success', 'Résolution ajoutée.')
    return response.redirect(meetingUrl(params.id, 'resolutions'))
  }

  async votes({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(votesValidator)
    const choices = byAttendance(payload.choices).flatMap(([attendanceId, choice]) =>
      choice ? [{ attendanceId, choice }] : []
    )
    const resolution = await RecordVotes.handle(tenant!, {
      resolutionId: Number(params.id),
      choices,
    })
    session.flash('success', `${choices.length} vote(s) enregistré(s).`)
    return response.redirect(meetingUrl(resolution.meetingId, `resolution-${params.id}`))
  }

  async result({ params, request, response, session, tenant }: HttpContext) {
    const { confirmation } = await request.validateUsing(proclamationValidator)
    const resolution = await RecordResolutionResult.handle(tenant!, {
      resolutionId: Number(params.id),
      confirmed: confirmation === true,
    })
    session.flash(
      'success',
      `Résolution « ${resolution.title} » : ${resolution.resultLabel.toLowerCase()}.`
    )
    return response.redirect(meetingUrl(resolution.meetingId, `resolution-${resolution.id}`))
  }
}
