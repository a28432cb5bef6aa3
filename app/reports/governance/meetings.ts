import Meeting from '#models/governance/meeting'
import { Report } from '#support/report'

/** The meetings of the organisation, the latest first (page and Excel export). */
export default class MeetingList extends Report<Record<string, never>, { meetings: Meeting[] }> {
  async build() {
    return { meetings: await Meeting.query().orderBy('held_at', 'desc') }
  }
}
