import { DateTime, Settings, type Zone } from 'luxon'

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

const keptDays = new Map<string, DateTime>()
let keptZone: Zone | undefined
const KEPT_DAYS = 4096

/**
 * A calendar day read from PostgreSQL ('YYYY-MM-DD') as a Luxon date at midnight in the
 * organisation's zone: the same as DateTime.fromSQL, without its parser (a list of rows makes
 * one per date cell). Luxon dates cannot change, so each day is made once and shared (lists
 * repeat the same few hundred days; building one was a tenth of the governance page under load,
 * ADR 12); the days are made again if the default zone changes.
 */
export function calendarDay(iso: string): DateTime {
  if (keptZone !== Settings.defaultZone || keptDays.size >= KEPT_DAYS) {
    keptDays.clear()
    keptZone = Settings.defaultZone
  }
  let day = keptDays.get(iso)
  if (!day) {
    day = DateTime.fromObject({
      year: Number(iso.slice(0, 4)),
      month: Number(iso.slice(5, 7)),
      day: Number(iso.slice(8, 10)),
    })
    keptDays.set(iso, day)
  }
  return day
}
