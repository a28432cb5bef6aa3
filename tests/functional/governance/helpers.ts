import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type Organisation from '#models/core/organisation'
import { actingAs } from '#support/request_context'
import College from '#models/governance/college'
import MemberBody from '#models/governance/member_body'
import QuorumRule from '#models/governance/quorum_rule'
import Attendance from '#models/governance/attendance'
import Meeting from '#models/governance/meeting'
import { addSeat } from '#actions/governance/seats'
import { conveneMeeting } from '#actions/governance/meetings'

export const as = <T>(organisation: Organisation, work: () => Promise<T>) =>
  actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, work)

/**
 * A small board: college 1 (cap 6, one vote each, `members` seats named « Membre n »), college 2
 * consultative (cap 2, `consultative` seats); quorum at half of the members present or
 * represented. `alternates`: indexes of the members that get an alternate seat (same body,
 * convened right after its titular); `president` and `bureau`: indexes of the members holding
 * the bureau's presidency or another bureau office; `castingVote`: the CA's casting-vote rule.
 */
export async function smallBoard(
  organisation: Organisation,
  options: {
    members?: number
    consultative?: number
    basis?: 'members' | 'votes'
    countsRepresented?: boolean
    fraction?: string
    comparison?: 'gte' | 'gt'
    secondConveningAllowed?: boolean
    maxProxies?: number
    secondConvening?: boolean
    weights?: number[]
    alternates?: number[]
    president?: number
    bureau?: number[]
    castingVote?: boolean
    heldAt?: string
  } = {}
) {
  return as(organisation, () =>
    db.transaction(async (trx) => {
      await QuorumRule.create(
        {
          meetingKind: 'ca',
          basis: options.basis ?? 'members',
          countsRepresented: options.countsRepresented ?? true,
          fraction: (options.fraction ?? '0.5') as any,
          comparison: options.comparison ?? 'gte',
          secondConveningWithoutQuorum: options.secondConveningAllowed ?? false,
          maxProxiesPerPerson: options.maxProxies ?? 1,
          castingVote: options.castingVote ?? false,
        },
        { client: trx }
      )
      const college = await College.create(
        {
          number: 1,
          name: 'Membres',
          maxSeats: 6,
          voteRule: { kind: 'fixed_per_seat', votes: 1 },
          deliberative: true,
        },
        { client: trx }
      )
      const advisory = await College.create(
        {
          number: 2,
          name: 'Consultatifs',
          maxSeats: 2,
          voteRule: { kind: 'consultative' },
          deliberative: false,
        },
        { client: trx }
      )
      const start = DateTime.fromISO('2024-01-01')
      const members = options.members ?? 4
      for (let i = 0; i < members; i++) {
        const body = await MemberBody.create(
          { name: `Membre ${i + 1}`, kind: 'autre' },
          { client: trx }
        )
        const weight = options.weights?.[i]
        const titular = await addSeat(
          {
            collegeId: college.id,
            memberBodyId: body.id,
            obtainedBy: 'designated',
            mandateStart: start,
            voteRule: weight ? { kind: 'fixed', votes: weight } : null,
            bureauRole:
              options.president === i ? 'president' : options.bureau?.includes(i) ? 'member' : null,
          },
          trx
        )
        if (options.alternates?.includes(i)) {
          await addSeat(
            {
              collegeId: college.id,
              memberBodyId: body.id,
              role: 'alternate',
              titularSeatId: titular.id,
              obtainedBy: 'designated',
              mandateStart: start,
            },
            trx
          )
        }
      }
      for (let i = 0; i < (options.consultative ?? 1); i++) {
        const body = await MemberBody.create(
          { name: `Consultatif ${i + 1}`, kind: 'usagers' },
          { client: trx }
        )
        await addSeat(
          {
            collegeId: advisory.id,
            memberBodyId: body.id,
            obtainedBy: 'elected',
            mandateStart: start,
          },
          trx
        )
      }
      const meeting = await conveneMeeting(
        {
          kind: 'ca',
          title: 'CA de test',
          heldAt: DateTime.fromISO(options.heldAt ?? '2024-06-13T18:00'),
          secondConvening: options.secondConvening ?? false,
        },
        trx
      )
      return { college, advisory, meeting }
    })
  )
}

export async function attendancesOf(meeting: Meeting) {
  const rows = await db.from('attendances').where('meeting_id', meeting.id).orderBy('id')
  return rows.map((row) => row.id as number)
}

export async function setStatuses(
  organisation: Organisation,
  meeting: Meeting,
  statuses: Array<[number, string, number | null]>
) {
  const { recordAttendance } = await import('#actions/governance/meetings')
  await as(organisation, () =>
    db.transaction(async (trx) => {
      const current = await Meeting.query({ client: trx }).where('id', meeting.id).firstOrFail()
      for (const [id, status, proxy] of statuses) {
        await recordAttendance(current, id, status, proxy, trx)
      }
    })
  )
}

export { Attendance }
