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

/**
 * A calendar day read from PostgreSQL ('YYYY-MM-DD') as a Luxon date at midnight in the
 * organisation's zone: the same as DateTime.fromSQL, without its parser (a list of rows makes
 * one per date cell).
 */
export function calendarDay(iso: string): DateTime {
  return DateTime.fromObject({
    year: Number(iso.slice(0, 4)),
    month: Number(iso.slice(5, 7)),
    day: Number(iso.slice(8, 10)),
  })
}
