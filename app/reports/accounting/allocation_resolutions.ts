import db from '@adonisjs/lucid/services/db'
import { ClientReport } from '#support/report'
import { PARIS_ZONE } from '#support/french_format'
import {
  GENERAL_ASSEMBLY_KINDS,
  MEETING_KINDS,
  RESOLUTION_RESULTS,
  SUBJECT_KINDS,
} from '#vocabulary/governance'
import { labelOf } from '#vocabulary/labels'

/** A resolution as the allocation of the result sees it: its meeting, year and current use. */
export interface AllocationResolutionRow {
  id: number
  title: string
  position: number
  subjectKind: string
  result: string
  fiscalYearId: number | null
  fiscalYearLabel: string | null
  meetingKind: string
  meetingStatus: string
  meetingTitle: string
  /** Day of the meeting in the organisation's zone, YYYY-MM-DD. */
  heldOn: string
  /** The fiscal year whose allocation already cites it, if any. */
  usedByYearId: number | null
  usedByYearLabel: string | null
  /** "AG du 20 juin 2024 — Affectation du résultat 2023": how forms and screens name it. */
  label: string
}

const LONG_DATE = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/** 2024-06-20 as "20 juin 2024" (the first of a month as "1er juin 2024"). */
export function longFrenchDate(iso: string) {
  const text = LONG_DATE.format(new Date(`${iso}T00:00:00Z`))
  return text.replace(/^1 /, '1er ')
}

/** "2023" for a fiscal year labelled "Exercice 2023" or "2023" (never "exercice Exercice"). */
export function yearName(label: string | null) {
  return (label ?? '').replace(/^exercice\s+/i, '')
}

/** The short name of a meeting kind: AG, AGE, or the kind's French label for other bodies. */
function meetingName(kind: string) {
  return kind in GENERAL_ASSEMBLY_KINDS
    ? labelOf(GENERAL_ASSEMBLY_KINDS, kind)
    : labelOf(MEETING_KINDS, kind)
}

export function allocationResolutionLabel(row: {
  meetingKind: string
  heldOn: string
  title: string
}) {
  return `${meetingName(row.meetingKind)} du ${longFrenchDate(row.heldOn)} — ${row.title}`
}

/**
 * Why a resolution cannot found the allocation of a fiscal year's result, in French, or null
 * when it can: adopted, by a general assembly that was not cancelled, allocating that very
 * year's result, and not already cited by another year's allocation. The one statement of the
 * rule, read by the form's choices and by SaveResultAllocation (migration 8700 repeats it).
 */
export function allocationRefusal(
  row: AllocationResolutionRow,
  year: { id: number; label: string }
): string | null {
  const named = `La résolution « ${row.title} »`
  if (!(row.meetingKind in GENERAL_ASSEMBLY_KINDS)) {
    return `${named} a été votée par l’instance « ${labelOf(MEETING_KINDS, row.meetingKind)} », pas par l’assemblée générale : seule l’assemblée générale affecte le résultat.`
  }
  if (row.meetingStatus === 'cancelled') {
    return `La séance « ${row.meetingTitle} » est annulée : ses résolutions ne peuvent pas fonder l’affectation du résultat.`
  }
  if (row.result === 'pending') {
    return `${named} n’est pas encore proclamée : l’affectation attend son adoption.`
  }
  if (row.result !== 'adopted') {
    return `${named} a été ${labelOf(RESOLUTION_RESULTS, row.result).toLowerCase()} par l’assemblée générale : elle ne peut pas fonder l’affectation du résultat.`
  }
  if (row.subjectKind !== 'allocate_result') {
    return `${named} porte sur « ${labelOf(SUBJECT_KINDS, row.subjectKind)} », pas sur l’affectation du résultat.`
  }
  if (row.fiscalYearId !== year.id) {
    const other = row.fiscalYearLabel
      ? `de l’exercice ${yearName(row.fiscalYearLabel)}`
      : 'd’un autre exercice'
    return `${named} affecte le résultat ${other}, pas celui de l’exercice ${yearName(year.label)}.`
  }
  if (row.usedByYearId !== null && row.usedByYearId !== year.id) {
    return `${named} fonde déjà l’affectation du résultat de l’exercice ${yearName(row.usedByYearLabel)}.`
  }
  return null
}

/**
 * The resolutions that allocate a result (and the one asked for by id, whatever its subject),
 * newest meeting first, with their meeting, fiscal year and the allocation that cites them.
 * Filtered by the tenant's organisation: another organisation's id finds nothing.
 */
export class AllocationResolutions extends ClientReport<
  { resolutionId?: number | null },
  AllocationResolutionRow[]
> {
  async build() {
    const { rows } = await (this.client ?? db).rawQuery<{
      rows: Array<Omit<AllocationResolutionRow, 'label'>>
    }>(
      `SELECT r.id, r.title, r.position, r.subject_kind AS "subjectKind", r.result,
              r.fiscal_year_id AS "fiscalYearId", fy.label AS "fiscalYearLabel",
              m.kind AS "meetingKind", m.status AS "meetingStatus", m.title AS "meetingTitle",
              to_char(m.held_at AT TIME ZONE ?, 'YYYY-MM-DD') AS "heldOn",
              a.fiscal_year_id AS "usedByYearId", ufy.label AS "usedByYearLabel"
         FROM resolutions r
         JOIN meetings m ON m.organisation_id = r.organisation_id AND m.id = r.meeting_id
         LEFT JOIN fiscal_years fy ON fy.organisation_id = r.organisation_id AND fy.id = r.fiscal_year_id
         LEFT JOIN result_allocations a ON a.organisation_id = r.organisation_id AND a.resolution_id = r.id
         LEFT JOIN fiscal_years ufy ON ufy.organisation_id = a.organisation_id AND ufy.id = a.fiscal_year_id
        WHERE r.organisation_id = ? AND (r.subject_kind = 'allocate_result' OR r.id = ?)
        ORDER BY m.held_at DESC, r.position`,
      [PARIS_ZONE, this.tenant.organisationId, this.params.resolutionId ?? 0]
    )
    return rows.map((row) => ({ ...row, label: allocationResolutionLabel(row) }))
  }
}
