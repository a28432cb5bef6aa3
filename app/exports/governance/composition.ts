import { buildWorkbook } from '#support/spreadsheet/writer'
import type { DateTime } from 'luxon'
import type { CompositionResult } from '#reports/governance/composition'
import type { Minutes } from '#reports/governance/minutes'
import {
  ATTENDANCE_STATUSES,
  BUREAU_ROLES,
  OBTAINED_BY,
  QUORUM_BASES,
  SEAT_ROLES,
  VOICE_NATURES,
} from '#vocabulary/governance'
import { labelOf } from '#vocabulary/labels'
import { col } from '#support/spreadsheet/columns'

const nature = (deliberative: boolean) =>
  deliberative ? VOICE_NATURES.deliberative : VOICE_NATURES.consultative

export function compositionWorkbook(report: CompositionResult) {
  const rows = report.colleges.flatMap((college) =>
    college.seats.map((seat) => ({
      college: `${college.number}. ${college.name}`,
      member: seat.memberBody,
      person: seat.person,
      role: labelOf(SEAT_ROLES, seat.role),
      alternateFor: seat.alternateFor,
      bureau: seat.bureauRole ? labelOf(BUREAU_ROLES, seat.bureauRole) : null,
      votes: seat.votes,
      nature: nature(college.deliberative),
      obtained: labelOf(OBTAINED_BY, seat.obtainedBy),
      start: seat.mandateStart,
      end: seat.mandateEnd,
      reEligible: seat.reEligible ? 'Oui' : 'Non',
    }))
  )
  const totals = report.colleges.map((college) => ({
    college: `${college.number}. ${college.name}`,
    maxSeats: college.maxSeats,
    seats: college.titulars,
    vacancies: college.vacancies,
    votes: college.votes,
    nature: nature(college.deliberative),
  }))
  return buildWorkbook([
    {
      name: 'Composition',
      columns: [
        col.text('Collège', 'college', 40),
        col.text('Membre', 'member', 36),
        col.text('Représentant', 'person', 30),
        col.text('Siège', 'role'),
        col.text('Suppléant de', 'alternateFor', 30),
        col.text('Bureau', 'bureau'),
        col.number('Voix', 'votes', 0),
        col.text('Nature', 'nature'),
        col.text('Mandat obtenu', 'obtained'),
        col.date('Début du mandat', 'start'),
        col.date('Fin du mandat', 'end'),
        col.text('Rééligible', 'reEligible'),
      ],
      rows,
    },
    {
      name: 'Totaux par collège',
      columns: [
        col.text('Collège', 'college', 40),
        col.integer('Sièges maximum', 'maxSeats'),
        col.integer('Sièges pourvus', 'seats'),
        col.integer('Vacances', 'vacancies'),
        col.number('Voix', 'votes', 0),
        col.text('Nature', 'nature'),
      ],
      rows: totals,
    },
  ])
}

export function attendanceWorkbook(minutes: Minutes) {
  const byId = new Map(minutes.attendances.map((a) => [a.id, a]))
  return buildWorkbook([
    {
      name: 'Présences',
      columns: [
        col.text('Membre', 'name', 50),
        col.integer('Collège', 'college'),
        col.number('Voix', 'votes', 0),
        col.text('Nature', 'nature'),
        col.text('Présence', 'status'),
        col.text('Pouvoir donné à', 'proxy', 50),
        col.text('Suppléant de', 'alternateFor', 50),
      ],
      rows: minutes.attendances.map((a) => ({
        alternateFor: a.alternateForId ? byId.get(a.alternateForId)?.name : null,
        name: a.name,
        college: a.seat?.college?.number ?? null,
        votes: a.votes,
        nature: nature(a.deliberative),
        status: labelOf(ATTENDANCE_STATUSES, a.status),
        proxy: a.proxyToId ? byId.get(a.proxyToId)?.name : null,
      })),
    },
  ])
}

export function meetingsWorkbook(
  meetings: Array<{
    kindLabel: string
    title: string
    heldAt: DateTime
    convenedAt: DateTime | null
    statusLabel: string
  }>
) {
  return buildWorkbook([
    {
      name: 'Séances',
      columns: [
        col.text('Instance', 'kind', 32),
        col.text('Titre', 'title', 50),
        col.date('Date', 'heldAt'),
        col.date('Convoquée le', 'convenedAt'),
        col.text('État', 'status'),
      ],
      rows: meetings.map((m) => ({
        kind: m.kindLabel,
        title: m.title,
        heldAt: m.heldAt,
        convenedAt: m.convenedAt,
        status: m.statusLabel,
      })),
    },
  ])
}

export function quorumRulesWorkbook(
  rows: Array<{
    label: string
    rule: {
      label: string
      basis: string
      fraction: unknown
      countsRepresented: boolean
      maxProxiesPerPerson: number
      secondConveningWithoutQuorum: boolean
      castingVote?: boolean
    } | null
  }>
) {
  return buildWorkbook([
    {
      name: 'Règles de quorum',
      columns: [
        col.text('Instance', 'kind', 36),
        col.text('Base', 'basis'),
        col.percent('Seuil', 'fraction'),
        col.text('Représentés comptés', 'represented'),
        col.integer('Pouvoirs par membre', 'proxies'),
        col.text('Seconde convocation sans quorum', 'second'),
        col.text('Voix prépondérante du président', 'casting'),
        col.text('Règle', 'label', 60),
      ],
      rows: rows.map(({ label, rule }) => ({
        kind: label,
        // The sheet says "Membres" where the form says "Nombre de membres".
        basis: rule ? (rule.basis === 'votes' ? QUORUM_BASES.votes : 'Membres') : null,
        fraction: rule?.fraction ?? null,
        represented: rule ? (rule.countsRepresented ? 'Oui' : 'Non') : null,
        proxies: rule?.maxProxiesPerPerson ?? null,
        second: rule ? (rule.secondConveningWithoutQuorum ? 'Oui' : 'Non') : null,
        casting: rule ? (rule.castingVote ? 'Oui' : 'Non') : null,
        label: rule?.label ?? 'Non définie',
      })),
    },
  ])
}
