import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { type DateTime } from 'luxon'
import Meeting from '#models/governance/meeting'
import Attendance from '#models/governance/attendance'
import Resolution from '#models/governance/resolution'
import Vote from '#models/governance/vote'
import QuorumRule from '#models/governance/quorum_rule'
import type Seat from '#models/governance/seat'
import { GovernanceRuleError } from '#models/governance/rule_error'
import { seatsOn } from '#actions/governance/derived_weights'
import {
  applyAttendanceChanges,
  mayVote,
  type AttendanceChange,
} from '#actions/governance/attendance_rules'
import { parisToday } from '#actions/governance/member_rules'
import {
  FISCAL_YEAR_SUBJECTS,
  MEETING_BODIES,
  type AttendanceStatus,
  type ConvenedBody,
  type MeetingKind,
} from '#vocabulary/governance'

export interface MeetingInput {
  kind: string
  title: string
  heldAt: DateTime
  location?: string | null
  convenedAt?: DateTime | null
  agenda?: string | null
  secondConvening?: boolean
}

/** The body a kind of meeting convenes (#vocabulary/governance, MEETING_BODIES). */
export function bodyOf(kind: string): ConvenedBody {
  return kind in MEETING_BODIES ? MEETING_BODIES[kind as MeetingKind] : 'board'
}

/** The titular seats a body counts on a day, in the order of the attendance list. */
function titularsOf(body: ConvenedBody, seats: Seat[]) {
  return seats
    .filter((seat) => seat.role === 'titular')
    .filter((seat) =>
      body === 'bureau'
        ? seat.bureauRole !== null
        : body === 'voting_members'
          ? seat.college.deliberative
          : true
    )
    .sort(
      (a, b) =>
        a.college.number - b.college.number ||
        a.memberBody.name.localeCompare(b.memberBody.name, 'fr')
    )
}

/** "Person (Body)", or the body alone; an alternate's row says so. */
function attendanceName(seat: Seat, alternate = false) {
  const body = seat.memberBody.name
  if (seat.person) return `${seat.person.fullName} (${body}${alternate ? ', suppléant·e' : ''})`
  return alternate ? `${body} (suppléant·e)` : body
}

/**
 * Creates a meeting and convenes the body its kind calls (MEETING_BODIES): the bureau's members,
 * the whole board, or the members with voting rights; each titular running on that date with
 * their alternate (not at the bureau), one attendance row each, absent until recorded. The
 * seat's votes are frozen for the minutes: an alternate's row carries its titular's votes, which
 * it casts when it sits in.
 */
export async function conveneMeeting(input: MeetingInput, trx: TransactionClientContract) {
  if (input.convenedAt && input.convenedAt.toISODate()! > input.heldAt.toISODate()!) {
    throw new GovernanceRuleError('La convocation doit précéder la séance.')
  }
  const body = bodyOf(input.kind)
  const running = await seatsOn(input.heldAt, trx)
  const titulars = titularsOf(body, running)
  if (body === 'bureau' && titulars.length === 0) {
    throw new GovernanceRuleError(
      "Aucun membre du bureau n'est désigné à la date de la séance : désignez-les dans la composition du conseil avant de convoquer le bureau."
    )
  }
  const meeting = await Meeting.create(
    {
      kind: input.kind,
      title: input.title,
      heldAt: input.heldAt,
      location: input.location ?? null,
      convenedAt: input.convenedAt ?? null,
      agenda: input.agenda ?? null,
      secondConvening: input.secondConvening ?? false,
      status: 'planned',
    },
    { client: trx }
  )
  for (const seat of titulars) {
    const titular = await Attendance.create(
      {
        meetingId: meeting.id,
        seatId: seat.id,
        personId: seat.personId,
        name: attendanceName(seat),
        status: 'absent',
        votes: seat.votes,
        deliberative: seat.college.deliberative,
        presides: seat.bureauRole === 'president',
      },
      { client: trx }
    )
    if (body === 'bureau') continue
    for (const alternate of running.filter((other) => other.titularSeatId === seat.id)) {
      await Attendance.create(
        {
          meetingId: meeting.id,
          seatId: alternate.id,
          personId: alternate.personId,
          name: attendanceName(alternate, true),
          status: 'absent',
          votes: seat.votes,
          deliberative: seat.college.deliberative,
          alternateForId: titular.id,
        },
        { client: trx }
      )
    }
  }
  return meeting
}

/** Once the signed minutes are filed, the meeting's records are final. */
export function assertOpen(meeting: Meeting) {
  if (meeting.status === 'closed' || meeting.status === 'cancelled') {
    throw new GovernanceRuleError(
      `La séance est ${meeting.status === 'closed' ? 'close (procès-verbal signé)' : 'annulée'} : elle ne peut plus être modifiée.`
    )
  }
}

export async function proxyCap(meeting: Meeting, trx: TransactionClientContract) {
  const rule = await QuorumRule.query({ client: trx }).where('meeting_kind', meeting.kind).first()
  return rule?.maxProxiesPerPerson ?? 1
}

/** A meeting dated after today (Paris) cannot be held: attendance is taken on the day. */
export function assertCanBeHeld(meeting: Meeting) {
  const day = meeting.heldAt.setZone('Europe/Paris')
  if (day.toISODate()! > parisToday().toISODate()!) {
    throw new GovernanceRuleError(
      `La séance du ${day.toFormat('dd/MM/yyyy')} n'a pas encore eu lieu : elle ne peut pas être marquée tenue (saisissez les présences le jour de la séance).`
    )
  }
}

/**
 * Records attendance for the rows of `changes` (one, or the whole list), checked on the list as
 * it will stand (see applyAttendanceChanges), then written row by row in an order that keeps
 * every intermediate state valid for the database's own checks: proxies moved away are lifted
 * first, then members present, members represented, and the others. Each changed row is an
 * audited update; the first member present marks the meeting held (never before its date).
 */
export async function recordAttendanceList(
  meeting: Meeting,
  changes: AttendanceChange[],
  trx: TransactionClientContract
) {
  assertOpen(meeting)
  const rows = await Attendance.query({ client: trx })
    .where('meeting_id', meeting.id)
    .orderBy('id')
    .forUpdate()
  const votes = await trx
    .from('votes')
    .whereIn(
      'attendance_id',
      rows.map((row) => row.id)
    )
    .distinct('attendance_id')
  const next = applyAttendanceChanges(rows, changes, {
    proxyCap: await proxyCap(meeting, trx),
    voted: new Set(votes.map((vote) => Number(vote.attendance_id))),
  })
  const byId = new Map(next.map((row) => [row.id, row]))
  const updated = rows.filter((row) => {
    const after = byId.get(row.id)!
    return after.status !== row.status || after.proxyToId !== row.proxyToId
  })
  const becomesHeld = meeting.status === 'planned' && next.some((row) => row.status === 'present')
  if (becomesHeld) assertCanBeHeld(meeting)
  // Rows are written in an order that keeps each step valid for the database's row checks:
  // proxies that move to another holder are first withdrawn (the member marked present, an
  // audited step of its own), then members present, members whose proxy is withdrawn, members
  // represented, and the others (a member who stops being present holds no proxy any more).
  const moving = updated.filter((row) => {
    const after = byId.get(row.id)!
    return row.status === 'represented' && after.status === 'represented'
  })
  for (const row of moving) {
    row.useTransaction(trx)
    row.merge({ status: 'present', proxyToId: null })
    row.version = (row.version ?? 1) + 1
    await row.save()
  }
  const step = (row: Attendance) => {
    const after = byId.get(row.id)!.status
    if (after === 'present') return 0
    if (after === 'represented') return 2
    return row.status === 'represented' ? 1 : 3
  }
  const sorted = [...updated].sort((a, b) => step(a) - step(b) || a.id - b.id)
  for (const row of sorted) {
    const after = byId.get(row.id)!
    row.useTransaction(trx)
    row.merge({ status: after.status, proxyToId: after.proxyToId })
    row.version = (row.version ?? 1) + 1
    await row.save()
  }
  if (becomesHeld) {
    meeting.useTransaction(trx)
    meeting.status = 'held'
    await meeting.save()
  }
  return { rows, changed: updated.length }
}

/** Records one member's attendance (rules: see recordAttendanceList). */
export async function recordAttendance(
  meeting: Meeting,
  attendanceId: number,
  status: string,
  proxyToId: number | null,
  trx: TransactionClientContract
) {
  const { rows } = await recordAttendanceList(
    meeting,
    [{ attendanceId, status: status as AttendanceStatus, proxyToId }],
    trx
  )
  return rows.find((row) => row.id === attendanceId)!
}

export interface ResolutionInput {
  title: string
  text?: string | null
  majority: string
  subjectKind: string
  fiscalYearId?: number | null
  subjectReference?: number | null
}

export async function addResolution(
  meeting: Meeting,
  input: ResolutionInput,
  trx: TransactionClientContract
) {
  assertOpen(meeting)
  if (FISCAL_YEAR_SUBJECTS.includes(input.subjectKind) && !input.fiscalYearId) {
    throw new GovernanceRuleError(
      "L'approbation des comptes et l'affectation du résultat doivent désigner un exercice."
    )
  }
  const [{ max }] = await trx
    .from('resolutions')
    .where('meeting_id', meeting.id)
    .max('position as max')
  return Resolution.create(
    { ...input, meetingId: meeting.id, position: Number(max ?? 0) + 1, result: 'pending' },
    { client: trx }
  )
}

/**
 * Records the choices of members present or represented (a proxy holder votes for the member
 * represented). Refused without quorum unless a second convening allows it, and for anyone
 * neither present nor represented.
 */
export async function recordVotes(
  resolution: Resolution,
  choices: Array<{ attendanceId: number; choice: string }>,
  trx: TransactionClientContract
) {
  if (resolution.result !== 'pending') {
    throw new GovernanceRuleError('Le résultat de cette résolution est déjà proclamé.')
  }
  assertOpen(await Meeting.findOrFail(resolution.meetingId, { client: trx }))
  const quorum = await Meeting.quorumOf(resolution.meetingId, trx)
  if (!quorum.votingAllowed) {
    throw new GovernanceRuleError(
      "Le quorum n'est pas atteint : aucun vote ne peut être enregistré."
    )
  }
  const attendances = await Attendance.query({ client: trx }).where(
    'meeting_id',
    resolution.meetingId
  )
  const byId = new Map(attendances.map((row) => [row.id, row]))
  for (const { attendanceId, choice } of choices) {
    const voter = byId.get(attendanceId)
    if (!voter) throw new GovernanceRuleError("Ce membre n'est pas convoqué à cette séance.")
    if (voter.isAlternate && !mayVote(voter, byId)) {
      throw new GovernanceRuleError(
        `${voter.name} ne siège pas à la place de son titulaire : son vote ne peut pas être enregistré.`
      )
    }
    if (!mayVote(voter, byId)) {
      throw new GovernanceRuleError(
        `${voter.name} n'est ni présent ni représenté : son vote ne peut pas être enregistré.`
      )
    }
    const existing = await Vote.query({ client: trx })
      .where('resolution_id', resolution.id)
      .where('attendance_id', voter.id)
      .first()
    if (existing) {
      existing.useTransaction(trx)
      existing.choice = choice
      await existing.save()
    } else {
      await Vote.create(
        {
          resolutionId: resolution.id,
          attendanceId: voter.id,
          choice,
          weight: voter.votes,
          deliberative: voter.deliberative,
        },
        { client: trx }
      )
    }
  }
}
