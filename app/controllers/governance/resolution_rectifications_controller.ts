import type { HttpContext } from '@adonisjs/core/http'
import { rectificationValidator } from '#validators/governance'
import RectifyResolutionResult from '#actions/governance/rectify_resolution_result'
import { byAttendance, meetingUrl } from '#controllers/governance/params'

/** A proclaimed result corrected before the signed minutes are filed (audited, with a note). */
export default class ResolutionRectificationsController {
  async store({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(rectificationValidator)
    const resolution = await RectifyResolutionResult.handle(tenant!, {
      resolutionId: Number(params.id),
      choices: byAttendance(payload.choices).map(([attendanceId, choice]) => ({
        attendanceId,
        choice: choice || null,
      })),
      reason: payload.reason,
    })
    session.flash(
      'success',
      `Résultat rectifié : résolution « ${resolution.title} » ${resolution.resultLabel.toLowerCase()}.`
    )
    return response.redirect(meetingUrl(resolution.meetingId, `resolution-${resolution.id}`))
  }
}
