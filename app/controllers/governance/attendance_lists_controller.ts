import type { HttpContext } from '@adonisjs/core/http'
import { attendanceListValidator } from '#validators/governance'
import RecordAttendanceList from '#actions/governance/record_attendance_list'
import { byAttendance, meetingUrl } from '#controllers/governance/params'

/** The attendance of a meeting's whole list, recorded in one form. */
export default class AttendanceListsController {
  async store({ params, request, response, session, tenant }: HttpContext) {
    const { rows } = await request.validateUsing(attendanceListValidator)
    const changed = await RecordAttendanceList.handle(tenant!, {
      meetingId: Number(params.id),
      rows: byAttendance(rows).map(([attendanceId, row]) => ({
        attendanceId,
        status: row.status,
        proxyToId: row.status === 'represented' ? (row.proxyToId ?? null) : null,
      })),
    })
    session.flash('success', `Présences enregistrées (${changed} modification(s)).`)
    return response.redirect(meetingUrl(params.id, 'presences'))
  }
}
