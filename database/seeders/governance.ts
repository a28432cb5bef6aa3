import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type Organisation from '#models/core/organisation'
import type { Rapport2023, ReportTerritory } from '#database/seeders/demo'
import College from '#models/governance/college'
import MemberBody from '#models/governance/member_body'
import Person from '#models/governance/person'
import { seedQuorumRules } from '#actions/governance/seed_quorum_rules'
import Attendance from '#models/governance/attendance'
import Meeting from '#models/governance/meeting'
import { addSeat } from '#actions/governance/seats'
import {
  addResolution,
  conveneMeeting,
  recordAttendance,
  recordVotes,
} from '#actions/governance/meetings'
import { recordResolutionResult } from '#actions/governance/record_resolution_result'
import type { SeatVoteRule } from '#models/governance/seat'

const COLLEGE_KINDS: Record<number, string> = {
  1: 'collectivite',
  2: 'etat',
  3: 'partenaire',
  4: 'usagers',
}
const date = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' })

/** The board's president, linked to the demo board user by e-mail. */
export const DEMO_PRESIDENT = {
  body: 'Rennes Métropole',
  fullName: 'Bernard Administrateur',
  email: 'ca@demo.socle.fr',
}
export const DEMO_MEETING_TITLE = "Conseil d'administration du 13 juin 2024"
export const DEMO_NEXT_MEETING_TITLE = "Prochain conseil d'administration"

/**
 * The peripheral EPCIs are not named in the governance section of the report: they are the
 * areas of the antennas outside Rennes in the activity section.
 */
function peripheralEpcis(rapport: Rapport2023, count: number): string[] {
  const territories: ReportTerritory[] = rapport.activity?.territories ?? []
  const names = territories
    .filter((t) => !String(t.antenna).startsWith('Rennes'))
    .flatMap((t) => t.areas.map((area) => String(area[0])))
  if (names.length !== count) {
    return Array.from({ length: count }, (_, i) => `EPCI ${i + 1}`)
  }
  return names
}

/**
 * Statutes as data: four colleges, their caps and vote rules, member bodies and seats. Rennes
 * Métropole's votes are derived (the sum of the other EPCIs') and never typed in.
 */
export async function seedGovernanceComposition(
  rapport: Rapport2023,
  trx: TransactionClientContract
) {
  await seedQuorumRules(trx)
  for (const spec of rapport.governance.colleges) {
    const consultative = /consultative/i.test(spec.rule)
    const college = await College.create(
      {
        number: spec.number,
        name: spec.name,
        maxSeats: spec.max_seats,
        voteRule: consultative ? { kind: 'consultative' } : { kind: 'fixed_per_seat', votes: 1 },
        deliberative: !consultative,
        ruleText: spec.rule,
      },
      { client: trx }
    )
    const members: Array<{ name: string; kind: string; rule: SeatVoteRule | null }> = []
    for (const member of spec.members) {
      if (typeof member === 'string') {
        members.push({ name: member, kind: COLLEGE_KINDS[spec.number], rule: null })
      } else if (member.count) {
        for (const name of peripheralEpcis(rapport, member.count)) {
          const votes = Number(member.votes_each)
          members.push({ name, kind: 'epci', rule: votes === 1 ? null : { kind: 'fixed', votes } })
        }
      } else if (member.name === 'Rennes Métropole') {
        members.push({
          name: member.name,
          kind: 'epci',
          rule: { kind: 'derived', derived: 'sum_of_college_members', of: ['epci'] },
        })
      } else {
        const votes = Number(member.votes)
        members.push({
          name: member.name,
          kind: COLLEGE_KINDS[spec.number],
          rule: votes === 1 ? null : { kind: 'fixed', votes },
        })
      }
    }
    const elected = /elected/i.test(spec.rule)
    for (const member of members) {
      const body = await MemberBody.create(
        { name: member.name, kind: member.kind },
        { client: trx }
      )
      const president = member.name === DEMO_PRESIDENT.body
      const person = await Person.create(
        {
          fullName: president ? DEMO_PRESIDENT.fullName : `Représentant·e ${member.name}`,
          email: president ? DEMO_PRESIDENT.email : null,
          memberBodyId: body.id,
        },
        { client: trx }
      )
      await addSeat(
        {
          collegeId: college.id,
          memberBodyId: body.id,
          personId: person.id,
          voteRule: member.rule,
          mandateStart: elected
            ? date('2023-12-15')
            : spec.number === 1
              ? date('2020-09-01')
              : date('2022-01-01'),
          mandateEnd: elected ? date('2026-12-14') : null,
          obtainedBy: elected ? 'elected' : spec.number === 1 ? 'by_right' : 'designated',
          reEligible: true,
          // The president chairs the bureau (and casts the deciding vote where the statutes say).
          bureauRole: president ? 'president' : null,
        },
        trx
      )
    }
  }
}

async function fiscalYear2023(organisationId: number, trx: TransactionClientContract) {
  const { rows } = await trx.rawQuery("SELECT to_regclass('fiscal_years') IS NOT NULL AS present")
  if (!rows[0].present) return null
  const row = await trx
    .from('fiscal_years')
    .where('organisation_id', organisationId)
    .where('start_date', '<=', '2023-12-31')
    .where('end_date', '>=', '2023-12-31')
    .first()
  return row?.id ?? null
}

/**
 * A full board meeting in 2024: convened, attendance with three proxies, quorum reached, three
 * resolutions (approval of the 2023 accounts, allocation of the result, an appointment) voted.
 */
export async function seedGovernanceMeeting(
  organisation: Organisation,
  trx: TransactionClientContract
) {
  const meeting = await conveneMeeting(
    {
      kind: 'ca',
      title: DEMO_MEETING_TITLE,
      heldAt: date('2024-06-13T18:00'),
      location: 'Siège, Rennes',
      convenedAt: date('2024-05-28'),
      agenda:
        "1. Approbation des comptes de l'exercice 2023\n2. Affectation du résultat 2023\n3. Renouvellement du commissaire aux comptes\n4. Questions diverses",
    },
    trx
  )
  const attendances = await Attendance.query({ client: trx })
    .where('meeting_id', meeting.id)
    .preload('seat', (q) => q.preload('college'))
    .orderBy('id')
  const byCollege = (n: number) => attendances.filter((a) => a.seat.college.number === n)
  const plan: Array<[Attendance, string, Attendance | null]> = []
  const present = (list: Attendance[], n: number) =>
    list.slice(0, n).forEach((a) => plan.push([a, 'present', null]))
  const c1 = byCollege(1)
  const c2 = byCollege(2)
  const c3 = byCollege(3)
  const c4 = byCollege(4)
  present(c1, 6)
  present(c2, 3)
  present(c3, 3)
  present(c4, 2)
  plan.push(
    [c1[6], 'represented', c1[0]],
    [c2[3], 'represented', c2[0]],
    [c3[3], 'represented', c3[0]]
  )
  plan.push([c1[7], 'excused', null], [c2[4], 'excused', null], [c4[2], 'excused', null])
  const current = await Meeting.findOrFail(meeting.id, { client: trx })
  for (const [attendance, status, holder] of plan) {
    await recordAttendance(current, attendance.id, status, holder?.id ?? null, trx)
  }

  const fiscalYearId = await fiscalYear2023(organisation.id, trx)
  const specs = [
    {
      title: "Arrêté des comptes de l'exercice 2023",
      text: "Le conseil d'administration, après avoir entendu le rapport du commissaire aux comptes, arrête les comptes de l'exercice 2023 et les soumet à l'approbation de l'assemblée générale.",
      subjectKind: fiscalYearId ? 'approve_accounts' : 'other',
    },
    {
      title: "Proposition d'affectation du résultat de l'exercice 2023",
      text: "Le conseil d'administration propose à l'assemblée générale d'affecter le résultat de l'exercice 2023 au report à nouveau.",
      subjectKind: fiscalYearId ? 'allocate_result' : 'other',
    },
    {
      title: 'Renouvellement du mandat du commissaire aux comptes',
      text: 'Le conseil renouvelle le mandat du commissaire aux comptes pour six exercices.',
      subjectKind: 'appointment',
    },
  ]
  const voters = (
    await Attendance.query({ client: trx }).where('meeting_id', meeting.id).orderBy('id')
  ).filter((a) => a.canVote)
  for (const [index, spec] of specs.entries()) {
    const resolution = await addResolution(
      current,
      {
        ...spec,
        majority: 'simple',
        fiscalYearId:
          spec.subjectKind === 'other' || spec.subjectKind === 'appointment' ? null : fiscalYearId,
      },
      trx
    )
    await recordVotes(
      resolution,
      voters.map((voter, i) => ({
        attendanceId: voter.id,
        choice:
          index === 2 && i % 5 === 1
            ? 'abstention'
            : index === 2 && i % 7 === 2
              ? 'against'
              : 'for',
      })),
      trx
    )
    await recordResolutionResult(resolution, trx)
  }
  return meeting
}

export interface AssemblyResolutionSpec {
  title: string
  text: string
  subjectKind: string
  fiscalYearId: number | null
}

export interface AssemblySpec {
  title: string
  heldAt: DateTime
  convenedAt: DateTime
  agenda: string
  resolutions: AssemblyResolutionSpec[]
}

/**
 * The demo's ordinary general assemblies, each approving the accounts of the previous year and
 * voting the allocation of its result (the allocation of the result cites that resolution:
 * accounting's gate, issue #14). The 2023 one founds the allocation of 2022 that the demo ledger
 * posts on its day; the 2024 one approves the 2023 accounts of the annual report.
 */
export const DEMO_ASSEMBLIES = {
  2022: {
    day: '2023-06-20',
    title: 'Assemblée générale ordinaire du 20 juin 2023',
    convenedOn: '2023-06-02',
    allocationTitle: 'Affectation du résultat 2022',
    allocationText:
      "L'assemblée générale décide d'affecter le déficit de l'exercice 2022 au report à nouveau.",
  },
  2023: {
    day: '2024-06-20',
    title: 'Assemblée générale ordinaire du 20 juin 2024',
    convenedOn: '2024-06-03',
    allocationTitle: 'Affectation du résultat 2023',
    allocationText:
      "L'assemblée générale décide d'affecter l'excédent de l'exercice 2023 au report à nouveau, comme le propose le conseil d'administration.",
  },
} as const

/**
 * A general assembly held as the statutes say: convened, attendance recorded (most titular
 * members present, two proxies, some excused, one absent; half the consultative members
 * present), the quorum of the assembly's rule reached, then each resolution voted and
 * proclaimed. Returns the meeting and its resolutions, in order.
 */
export async function seedGeneralAssembly(spec: AssemblySpec, trx: TransactionClientContract) {
  const meeting = await conveneMeeting(
    {
      kind: 'ag_ordinaire',
      title: spec.title,
      heldAt: spec.heldAt,
      location: 'Siège, Rennes',
      convenedAt: spec.convenedAt,
      agenda: spec.agenda,
    },
    trx
  )
  // Titulars only: an alternate convened with their titular stays away when the titular comes.
  const convened = (
    await Attendance.query({ client: trx })
      .where('meeting_id', meeting.id)
      .preload('seat')
      .orderBy('id')
  ).filter((a) => !a.seat || a.seat.role === 'titular')
  const deliberative = convened.filter((a) => a.deliberative)
  const consultative = convened.filter((a) => !a.deliberative)
  if (deliberative.length < 8) {
    throw new Error(`Démo : trop peu de membres convoqués à « ${spec.title} ».`)
  }
  const absentees = deliberative.slice(-6)
  const plan: Array<[Attendance, string, Attendance | null]> = [
    ...deliberative.slice(0, -6).map((a): [Attendance, string, null] => [a, 'present', null]),
    ...consultative.map((a, i): [Attendance, string, null] => [
      a,
      i < Math.ceil(consultative.length / 2) ? 'present' : 'excused',
      null,
    ]),
    [absentees[0], 'represented', deliberative[0]],
    [absentees[1], 'represented', deliberative[1]],
    [absentees[2], 'excused', null],
    [absentees[3], 'excused', null],
    [absentees[4], 'excused', null],
    [absentees[5], 'absent', null],
  ]
  const current = await Meeting.findOrFail(meeting.id, { client: trx })
  for (const [attendance, status, holder] of plan) {
    if (status === 'absent') continue
    await recordAttendance(current, attendance.id, status, holder?.id ?? null, trx)
  }
  const quorum = await Meeting.quorumOf(meeting.id, trx)
  if (!quorum.reached) throw new Error(`Démo : quorum non atteint à « ${spec.title} ».`)
  const voters = (
    await Attendance.query({ client: trx }).where('meeting_id', meeting.id).orderBy('id')
  ).filter((a) => a.canVote)
  const resolutions: Array<Awaited<ReturnType<typeof addResolution>>> = []
  for (const [index, resolutionSpec] of spec.resolutions.entries()) {
    const resolution = await addResolution(current, { ...resolutionSpec, majority: 'simple' }, trx)
    await recordVotes(
      resolution,
      voters.map((voter, i) => ({
        attendanceId: voter.id,
        choice: index === 0 && i === voters.length - 1 ? 'abstention' : 'for',
      })),
      trx
    )
    await recordResolutionResult(resolution, trx)
    resolutions.push(resolution)
  }
  return { meeting, resolutions }
}

/**
 * The ordinary general assembly that approves the accounts of `year` and votes the allocation
 * of its result, as DEMO_ASSEMBLIES describes it. Without the fiscal year (governance seeded
 * alone), its resolutions are "other" subjects. Returns the allocation resolution's id.
 */
export async function seedDemoAssembly(
  year: keyof typeof DEMO_ASSEMBLIES,
  fiscalYearId: number | null,
  trx: TransactionClientContract
) {
  const demo = DEMO_ASSEMBLIES[year]
  const { resolutions } = await seedGeneralAssembly(
    {
      title: demo.title,
      heldAt: date(`${demo.day}T18:00`),
      convenedAt: date(demo.convenedOn),
      agenda: `1. Rapport moral et rapport d'activité ${year}\n2. Rapport du commissaire aux comptes\n3. Approbation des comptes de l'exercice ${year}\n4. Affectation du résultat ${year}\n5. Questions diverses`,
      resolutions: [
        {
          title: `Approbation des comptes de l'exercice ${year}`,
          text: `L'assemblée générale, après avoir entendu le rapport du conseil d'administration et le rapport du commissaire aux comptes, approuve les comptes de l'exercice ${year}.`,
          subjectKind: fiscalYearId ? 'approve_accounts' : 'other',
          fiscalYearId,
        },
        {
          title: demo.allocationTitle,
          text: demo.allocationText,
          subjectKind: fiscalYearId ? 'allocate_result' : 'other',
          fiscalYearId,
        },
      ],
    },
    trx
  )
  return resolutions[1].id
}

/**
 * The demo's meetings once accounting has its fiscal years: the board of 13 June 2024, the
 * general assembly of 20 June 2024 (2023 accounts and allocation) and an upcoming board.
 */
export async function seedGovernanceMeetings(
  organisation: Organisation,
  trx: TransactionClientContract
) {
  await seedGovernanceMeeting(organisation, trx)
  await seedDemoAssembly(2023, await fiscalYear2023(organisation.id, trx), trx)
  // An upcoming meeting, relative to today, so that the board portal has something to show.
  const next = DateTime.now()
    .setZone('Europe/Paris')
    .plus({ weeks: 3 })
    .set({ hour: 18, minute: 0 })
  await conveneMeeting(
    {
      kind: 'ca',
      title: DEMO_NEXT_MEETING_TITLE,
      heldAt: next.startOf('minute'),
      location: 'Siège, Rennes',
      convenedAt: DateTime.now().setZone('Europe/Paris').startOf('day'),
      agenda: "1. Budget prévisionnel de l'an prochain\n2. Renouvellement des collèges 3 et 4",
    },
    trx
  )
}

/**
 * Governance on its own (tests): the statutes, then the meetings. The whole demo runs the two
 * apart, the statutes before accounting so that the 2023 general assembly founds the
 * allocation of 2022 (database/seeders/demo.ts).
 */
export async function seedGovernance(
  organisation: Organisation,
  rapport: Rapport2023,
  trx: TransactionClientContract
) {
  await seedGovernanceComposition(rapport, trx)
  await seedGovernanceMeetings(organisation, trx)
}
