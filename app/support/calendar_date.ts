import { DateTime } from 'luxon'

/**
 * Calendar day of a Date parsed by VineJS from 'YYYY-MM-DD' (local midnight of the server),
 * as a Luxon date in the organisation's zone: the day never shifts.
 */
export function calendarDate(value: Date | undefined | null): DateTime | null {
  if (!value) return null
  return DateTime.fromObject({
    year: value.getFullYear(),
    month: value.getMonth() + 1,
    day: value.getDate(),
  })
}
