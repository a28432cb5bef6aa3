import Meeting, { type Quorum } from '#models/governance/meeting'
import Attendance from '#models/governance/attendance'
import Resolution, { type Tally } from '#models/governance/resolution'
import QuorumRule from '#models/governance/quorum_rule'
import Vote from '#models/governance/vote'
import { Report } from '#support/report'
import { tallyOf } from '#actions/governance/record_resolution_result'

export interface Minutes {
  meeting: Meeting
  attendances: Attendance[]
  proxies: Array<{ from: string; to: string }>
  quorum: Quorum
  quorumRule: QuorumRule | null
  /** Proxies one member present may hold (the statutes' rule; one when none is set). */
  proxyCap: number
  resolutions: Array<{ resolution: Resolution; tally: Tally; votes: Vote[] }>
}

/**
 * Everything the procès-verbal says, computed from the meeting's records: attendance and
 * proxies, quorum, each resolution with its weighted tally and result. The meeting page, the
 * minutes' print view and the attendance export read it.
 */
export default class MeetingMinutes extends Report<{ meetingId: number }, Minutes> {
  async build(): Promise<Minutes> {
    const meeting = await Meeting.query()
      .where('id', this.params.meetingId)
      .preload('documents', (q) => q.orderBy('id'))
      .firstOrFail()
    const attendances = await Attendance.query()
      .where('meeting_id', meeting.id)
      .preload('seat', (q) => q.preload('college'))
      .orderBy('id')
    const byId = new Map(attendances.map((a) => [a.id, a]))
    const proxies = attendances
      .filter((a) => a.proxyToId)
      .map((a) => ({ from: a.name, to: byId.get(a.proxyToId!)?.name ?? '' }))
    const resolutions = await Resolution.query().where('meeting_id', meeting.id).orderBy('position')
    const rows = []
    for (const resolution of resolutions) {
      const votes = await Vote.query().where('resolution_id', resolution.id).orderBy('id')
      const tally = await tallyOf(resolution)
      if (resolution.result !== 'pending') {
        // A proclaimed result is final: show the tally frozen at proclamation.
        tally.for = resolution.votesFor ?? tally.for
        tally.against = resolution.votesAgainst ?? tally.against
        tally.abstention = resolution.votesAbstention ?? tally.abstention
        tally.adopted = resolution.result === 'adopted'
      }
      rows.push({ resolution, tally, votes })
    }
    const quorumRule = await QuorumRule.query().where('meeting_kind', meeting.kind).first()
    return {
      meeting,
      attendances,
      proxies,
      quorum: await Meeting.quorumOf(meeting.id),
      quorumRule,
      proxyCap: quorumRule?.maxProxiesPerPerson ?? 1,
      resolutions: rows,
    }
  }
}
