import { buildWorkbook } from '#support/spreadsheet/writer'
import type CompositionReport from '#reports/governance/composition'
import { OBTAINED_BY, SEAT_ROLES } from '#models/governance/seat'
import type { Minutes } from '#reports/governance/minutes'
import { ATTENDANCE_STATUSES } from '#models/governance/attendance'

export function compositionWorkbook(report: CompositionReport) {
  const rows = report.colleges.flatMap((college) =>
    college.seats.map((seat) => ({
      college: `${college.number}. ${college.name}`,
      member: seat.memberBody,
      person: seat.person,
      role: SEAT_ROLES[seat.role],
      votes: seat.votes,
      nature: college.deliberative ? 'Délibérative' : 'Consultative',
      obtained: OBTAINED_BY[seat.obtainedBy],
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
    nature: college.deliberative ? 'Délibérative' : 'Consultative',
  }))
  return buildWorkbook([
    {
      name: 'Composition',
      columns: [
        { header: 'Collège', key: 'college', type: 'text', width: 40 },
        { header: 'Membre', key: 'member', type: 'text', width: 36 },
        { header: 'Représentant', key: 'person', type: 'text', width: 30 },
        { header: 'Siège', key: 'role', type: 'text' },
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
      ],
      rows: minutes.attendances.map((a) => ({
        name: a.name,
        college: a.seat?.college?.number ?? null,
        votes: a.votes,
        nature: a.deliberative ? 'Délibérative' : 'Consultative',
        status: ATTENDANCE_STATUSES[a.status],
        proxy: a.proxyToId ? byId.get(a.proxyToId)?.name : null,
      })),
    },
  ])
}

export function meetingsWorkbook(
  meetings: Array<{
    kindLabel: string
    title: string
    heldAt: any
    convenedAt: any
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
        { header: 'Règle', key: 'label', type: 'text', width: 60 },
      ],
      rows: rows.map(({ label, rule }) => ({
        kind: label,
        basis: rule ? (rule.basis === 'votes' ? 'Voix pondérées' : 'Membres') : null,
        fraction: rule?.fraction ?? null,
        represented: rule ? (rule.countsRepresented ? 'Oui' : 'Non') : null,
        proxies: rule?.maxProxiesPerPerson ?? null,
        second: rule ? (rule.secondConveningWithoutQuorum ? 'Oui' : 'Non') : null,
        label: rule?.label ?? 'Non définie',
      })),
    },
  ])
}
