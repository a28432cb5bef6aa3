import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { type DateTime } from 'luxon'
import Meeting from '#models/governance/meeting'
import Attendance from '#models/governance/attendance'
import Resolution from '#models/governance/resolution'
import Vote from '#models/governance/vote'
import QuorumRule from '#models/governance/quorum_rule'
import { GovernanceRuleError } from '#models/governance/rule_error'
import { seatsOn } from '#actions/governance/derived_weights'
import { FISCAL_YEAR_SUBJECTS } from '#vocabulary/governance'

export interface MeetingInput {
  kind: string
  title: string
  heldAt: DateTime
  location?: string | null
  convenedAt?: DateTime | null
  agenda?: string | null
  secondConvening?: boolean
}

/**
 * Creates a meeting and convenes every titular seat running on its date: one attendance row
 * each (absent until recorded), with the seat's votes frozen for the minutes.
 */
export async function conveneMeeting(input: MeetingInput, trx: TransactionClientContract) {
  if (input.convenedAt && input.convenedAt.toISODate()! > input.heldAt.toISODate()!) {
    throw new GovernanceRuleError('La convocation doit précéder la séance.')
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
  const seats = (await seatsOn(input.heldAt, trx))
    .filter((seat) => seat.role === 'titular')
    .sort(
      (a, b) =>
        a.college.number - b.college.number ||
        a.memberBody.name.localeCompare(b.memberBody.name, 'fr')
    )
  for (const seat of seats) {
    await Attendance.create(
      {
        meetingId: meeting.id,
        seatId: seat.id,
        personId: seat.personId,
        name: seat.person
          ? `${seat.person.fullName} (${seat.memberBody.name})`
          : seat.memberBody.name,
        status: 'absent',
        votes: seat.votes,
        deliberative: seat.college.deliberative,
      },
      { client: trx }
    )
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

/**
 * Records one member's attendance. A proxy goes only to a member present at the meeting, within
 * the cap of proxies per person; a member holding proxies stays present; a member who voted
 * cannot be declared absent.
 */
export async function recordAttendance(
  meeting: Meeting,
  attendanceId: number,
  status: string,
  proxyToId: number | null,
  trx: TransactionClientContract
) {
  assertOpen(meeting)
  const attendance = await Attendance.query({ client: trx })
    .where('meeting_id', meeting.id)
    .where('id', attendanceId)
    .forUpdate()
    .firstOrFail()
  if (status === 'represented') {
    if (!proxyToId) {
      throw new GovernanceRuleError(
        `Indiquez le membre présent qui porte le pouvoir de ${attendance.name}.`
      )
    }
    if (proxyToId === attendance.id) {
      throw new GovernanceRuleError('Un membre ne peut pas se donner pouvoir à lui-même.')
    }
    const holder = await Attendance.query({ client: trx })
      .where('meeting_id', meeting.id)
      .where('id', proxyToId)
      .forUpdate()
      .first()
    if (!holder || holder.status !== 'present') {
      throw new GovernanceRuleError(
        `Le pouvoir ne peut être donné qu'à un membre présent à la séance (${holder?.name ?? 'membre inconnu'} ne l'est pas).`
      )
    }
    const cap = await proxyCap(meeting, trx)
    const [{ count }] = await trx
      .from('attendances')
      .where('proxy_to_id', holder.id)
      .whereNot('id', attendance.id)
      .count('* as count')
    if (Number(count) + 1 > cap) {
      throw new GovernanceRuleError(
        `${holder.name} détient déjà le nombre maximal de pouvoirs (${cap}).`
      )
    }
  } else {
    proxyToId = null
  }
  if (status !== 'present') {
    const held = await trx.from('attendances').where('proxy_to_id', attendance.id).first()
    if (held) {
      throw new GovernanceRuleError(
        `${attendance.name} détient des pouvoirs : retirez-les avant de le déclarer non présent.`
      )
    }
  }
  if (status !== 'present' && status !== 'represented') {
    const voted = await trx.from('votes').where('attendance_id', attendance.id).first()
    if (voted) {
      throw new GovernanceRuleError(
        `${attendance.name} a déjà voté : sa présence ne peut plus être retirée.`
      )
    }
  }
  attendance.useTransaction(trx)
  attendance.merge({ status, proxyToId })
  attendance.version = (attendance.version ?? 1) + 1
  await attendance.save()
  if (meeting.status === 'planned' && status === 'present') {
    meeting.useTransaction(trx)
    meeting.status = 'held'
    await meeting.save()
  }
  return attendance
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
  for (const { attendanceId, choice } of choices) {
    const voter = await Attendance.query({ client: trx })
      .where('meeting_id', resolution.meetingId)
      .where('id', attendanceId)
      .firstOrFail()
    if (!voter.canVote) {
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
