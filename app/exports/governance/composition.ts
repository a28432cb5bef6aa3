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
        { header: 'Collège', key: 'college', type: 'text', width: 40 },
        { header: 'Membre', key: 'member', type: 'text', width: 36 },
        { header: 'Représentant', key: 'person', type: 'text', width: 30 },
        { header: 'Siège', key: 'role', type: 'text' },
        { header: 'Suppléant de', key: 'alternateFor', type: 'text', width: 30 },
        { header: 'Bureau', key: 'bureau', type: 'text' },
        { header: 'Voix', key: 'votes', type: 'number', decimals: 0 },
        { header: 'Nature', key: 'nature', type: 'text' },
        { header: 'Mandat obtenu', key: 'obtained', type: 'text' },
        { header: 'Début du mandat', key: 'start', type: 'date' },
        { header: 'Fin du mandat', key: 'end', type: 'date' },
        { header: 'Rééligible', key: 'reEligible', type: 'text' },
      ],
      rows,
    },
    {
      name: 'Totaux par collège',
      columns: [
        { header: 'Collège', key: 'college', type: 'text', width: 40 },
        { header: 'Sièges maximum', key: 'maxSeats', type: 'integer' },
        { header: 'Sièges pourvus', key: 'seats', type: 'integer' },
        { header: 'Vacances', key: 'vacancies', type: 'integer' },
        { header: 'Voix', key: 'votes', type: 'number', decimals: 0 },
        { header: 'Nature', key: 'nature', type: 'text' },
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
        { header: 'Membre', key: 'name', type: 'text', width: 50 },
        { header: 'Collège', key: 'college', type: 'integer' },
        { header: 'Voix', key: 'votes', type: 'number', decimals: 0 },
        { header: 'Nature', key: 'nature', type: 'text' },
        { header: 'Présence', key: 'status', type: 'text' },
        { header: 'Pouvoir donné à', key: 'proxy', type: 'text', width: 50 },
        { header: 'Suppléant de', key: 'alternateFor', type: 'text', width: 50 },
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
        { header: 'Instance', key: 'kind', type: 'text', width: 32 },
        { header: 'Titre', key: 'title', type: 'text', width: 50 },
        { header: 'Date', key: 'heldAt', type: 'date' },
        { header: 'Convoquée le', key: 'convenedAt', type: 'date' },
        { header: 'État', key: 'status', type: 'text' },
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
        { header: 'Instance', key: 'kind', type: 'text', width: 36 },
        { header: 'Base', key: 'basis', type: 'text' },
        { header: 'Seuil', key: 'fraction', type: 'percent' },
        { header: 'Représentés comptés', key: 'represented', type: 'text' },
        { header: 'Pouvoirs par membre', key: 'proxies', type: 'integer' },
        { header: 'Seconde convocation sans quorum', key: 'second', type: 'text' },
        { header: 'Voix prépondérante du président', key: 'casting', type: 'text' },
        { header: 'Règle', key: 'label', type: 'text', width: 60 },
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
