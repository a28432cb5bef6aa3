import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import { compositionFilterValidator } from '#validators/governance'
import {
  ALTERNATE_STATUSES,
  ATTENDANCE_STATUSES,
  MAJORITIES,
  RESOLUTION_RESULTS,
  SUBJECT_KINDS,
  VOTE_CHOICES,
  optionsOf,
} from '#vocabulary/governance'

/** Breadcrumbs under "Gouvernance" (the composition page); a crumb with an href is a link. */
export function governanceCrumbs(...crumbs: Array<{ label: string; href?: string }>) {
  return [{ label: 'Gouvernance', href: urlFor('governance.index') }, ...crumbs]
}

/** The day the composition is shown at: ?date=YYYY-MM-DD, today in Paris otherwise. */
export async function compositionDay(request: HttpContext['request']) {
  const filter = await compositionFilterValidator.validate(request.qs())
  return filter.date
    ? DateTime.fromISO(filter.date)
    : DateTime.now().setZone('Europe/Paris').startOf('day')
}

/** A meeting's page, at one of its sections (#presences, #resolutions, #resolution-<id>...). */
export function meetingUrl(id: number | string, section?: string) {
  return urlFor('governance.meetings.show', { id }) + (section ? `#${section}` : '')
}

/** The choices of the meeting page's forms, from the vocabulary. */
export const MEETING_CHOICES = {
  statuses: optionsOf(ATTENDANCE_STATUSES),
  alternateStatuses: optionsOf(ATTENDANCE_STATUSES).filter((option) =>
    (ALTERNATE_STATUSES as readonly string[]).includes(option.value)
  ),
  majorities: optionsOf(MAJORITIES),
  subjects: optionsOf(SUBJECT_KINDS),
  choices: optionsOf(VOTE_CHOICES),
  results: RESOLUTION_RESULTS,
}

/**
 * Form fields keyed "m<attendance id>" (numeric keys would be parsed as a sparse array), as
 * [id, value] pairs; any other key is dropped.
 */
export function byAttendance<T>(record: Record<string, T> | undefined): Array<[number, T]> {
  return Object.entries(record ?? {}).flatMap(([key, value]): Array<[number, T]> => {
    const match = /^m(\d{1,9})$/.exec(key)
    return match ? [[Number(match[1]), value]] : []
  })
}
