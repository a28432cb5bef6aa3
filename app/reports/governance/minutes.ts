import Meeting, { type Quorum } from '#models/governance/meeting'
import Attendance from '#models/governance/attendance'
import Resolution, { tieNote, type Tally } from '#models/governance/resolution'
import ResolutionRectification from '#models/governance/resolution_rectification'
import QuorumRule from '#models/governance/quorum_rule'
import Vote from '#models/governance/vote'
import { Report } from '#support/report'
import { tallyOf } from '#actions/governance/record_resolution_result'
import { mayVote } from '#actions/governance/attendance_rules'
import { bodyOf } from '#actions/governance/meetings'
import { CONVENED_BODIES } from '#vocabulary/governance'

/** Who may vote on the meeting's resolutions, as the vote forms name them. */
export interface Voter {
  id: number
  label: string
}

export interface Minutes {
  meeting: Meeting
  attendances: Attendance[]
  proxies: Array<{ from: string; to: string }>
  quorum: Quorum
  quorumRule: QuorumRule | null
  /** Proxies one member present may hold (the statutes' rule; one when none is set). */
  proxyCap: number
  /** The statutes give the president a casting vote at this kind of meeting. */
  castingVote: boolean
  /** Who this kind of meeting convenes (the bureau, the board, the members with voting rights). */
  convened: string
  /** Members who may vote now: titulars present or represented, alternates sitting in. */
  voters: Voter[]
  /** Each alternate's titular, by the alternate's attendance id. */
  titularOf: Record<number, string>
  resolutions: Array<{
    resolution: Resolution
    tally: Tally
    votes: Vote[]
    rectifications: ResolutionRectification[]
  }>
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
    const titularOf: Record<number, string> = {}
    for (const a of attendances) {
      if (a.alternateForId) titularOf[a.id] = byId.get(a.alternateForId)?.name ?? ''
    }
    const voters = attendances
      .filter((a) => mayVote(a, byId))
      .map((a) => ({
        id: a.id,
        label:
          a.name +
          (a.status === 'represented' ? ' (représenté)' : '') +
          (a.alternateForId ? ` (à la place de ${titularOf[a.id]})` : '') +
          (a.deliberative ? '' : ' (consultative)'),
      }))
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
        tally.castingVote = (resolution.castingVote as Tally['castingVote']) ?? null
        tally.tie = resolution.majority === 'simple' && tally.for.eq(tally.against)
        tally.note = tieNote(tally.tie, tally.castingVote, null)
      }
      const rectifications = await ResolutionRectification.query()
        .where('resolution_id', resolution.id)
        .orderBy('id')
      rows.push({ resolution, tally, votes, rectifications })
    }
    const quorumRule = await QuorumRule.query().where('meeting_kind', meeting.kind).first()
    return {
      meeting,
      attendances,
      proxies,
      quorum: await Meeting.quorumOf(meeting.id),
      quorumRule,
      proxyCap: quorumRule?.maxProxiesPerPerson ?? 1,
      castingVote: quorumRule?.castingVote ?? false,
      convened: CONVENED_BODIES[bodyOf(meeting.kind)],
      voters,
      titularOf,
      resolutions: rows,
    }
  }
}
