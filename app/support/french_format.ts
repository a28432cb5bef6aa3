import { Decimal } from 'decimal.js'
import { DateTime } from 'luxon'
import { toMoney, MONEY_SCALE } from './money.js'
import { KeptOffsetsZone } from './paris_zone.js'

export const PARIS_ZONE = 'Europe/Paris'

/*
 * The fr-FR layout of Intl: thousands separated by U+202F (narrow no-break space), a decimal
 * comma, "€" and "%" after U+00A0 (no-break space), a leading "-" for negatives
 * and none for a value that rounds to zero. The digits come from decimal.js, rounded half away
 * from zero, never from a float, so amounts beyond 2^53 cents keep every digit. The layout is
 * written out here rather than asked of Intl.NumberFormat: a page or a workbook formats
 * thousands of amounts, and Intl took about 7 µs per call (ADR 12). A unit test compares this
 * layout with Intl's on many values.
 */
const GROUP = '\u202f'
const CURRENCY_SUFFIX = '\u00a0€'
const PERCENT_SUFFIX = '\u00a0%'

/** `-1234567.89` (decimal.js toFixed) -> `-1 234 567,89`. */
export function frenchDigits(fixed: string): string {
  const negative = fixed.charCodeAt(0) === 45
  const unsigned = negative ? fixed.slice(1) : fixed
  const dot = unsigned.indexOf('.')
  const whole = dot < 0 ? unsigned : unsigned.slice(0, dot)
  let text = whole
  if (whole.length > 3) {
    const head = whole.length % 3 || 3
    text = whole.slice(0, head)
    for (let i = head; i < whole.length; i += 3) text += GROUP + whole.slice(i, i + 3)
  }
  if (dot >= 0) text += ',' + unsigned.slice(dot + 1)
  return negative && /[1-9]/.test(unsigned) ? '-' + text : text
}

function toDecimal(value: Decimal | number | string): Decimal {
  // toMoney refuses NaN, infinities and strings that are not plain decimals.
  return Decimal.isDecimal(value) && value.isFinite() ? value : toMoney(value)
}

function exact(value: Decimal, digits: number) {
  return value.toFixed(digits, Decimal.ROUND_HALF_UP)
}

/**
 * `1234567.891` -> `1 234 567,89 €` ; with `{ cents: false }` -> `1 234 568 €`.
 */
export function formatMoney(
  value: Decimal | number | string,
  options: { cents?: boolean } = {}
): string {
  const digits = options.cents === false ? 0 : MONEY_SCALE
  return frenchDigits(exact(toDecimal(value), digits)) + CURRENCY_SUFFIX
}

/**
 * `1234.5` -> `1 234,5`. Without `decimals`, every decimal of the value is shown.
 */
export function formatNumber(value: Decimal | number, decimals?: number): string {
  const decimal = toDecimal(value)
  const digits = decimals ?? Math.min(decimal.decimalPlaces(), 20)
  return frenchDigits(exact(decimal, digits))
}

/**
 * Formats a ratio: `0.125` -> `12,5 %`.
 */
export function formatPercent(ratio: Decimal | number, decimals = 1): string {
  // The ratio rounded to decimals + 2 places, its point moved two places right: exact.
  const fixed = exact(toDecimal(ratio), decimals + 2)
  const negative = fixed.startsWith('-')
  const [whole, fraction] = (negative ? fixed.slice(1) : fixed).split('.')
  const shifted = (whole + fraction.slice(0, 2)).replace(/^0+(?=\d)/, '')
  const percent = decimals > 0 ? `${shifted}.${fraction.slice(2)}` : shifted
  return frenchDigits(negative ? `-${percent}` : percent) + PERCENT_SUFFIX
}

export class InvalidDateError extends Error {
  constructor(
    message: string,
    readonly value: unknown
  ) {
    super(message)
    this.name = 'InvalidDateError'
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const FRENCH_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/
const EXCEL_SERIAL = /^\d{1,7}(?:[.,]\d+)?$/

function calendarDate(year: number, month: number, day: number, source: unknown): DateTime {
  const date = DateTime.fromObject({ year, month, day }, { zone: PARIS_ZONE })
  if (!date.isValid) {
    throw new InvalidDateError(`date invalide : « ${String(source)} » (jour inexistant)`, source)
  }
  return date
}

function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  )
}

// Intl rather than Luxon here: exports call this for every date cell.
const PARIS_DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: PARIS_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

const PARIS_OFFSETS = new KeptOffsetsZone(PARIS_ZONE)

function parisDay(instant: Date, source: unknown): string {
  if (Number.isNaN(instant.getTime())) {
    throw new InvalidDateError(`date invalide : « ${String(source)} »`, source)
  }
  const time = instant.getTime()
  const local = new Date(time + PARIS_OFFSETS.offset(time) * 60_000)
  const year = local.getUTCFullYear()
  if (year >= 1 && year <= 9999) {
    // The Paris offset of the instant (kept per UTC hour, #support/paris_zone), no Intl call:
    // the layout dates every page it prints.
    const month = String(local.getUTCMonth() + 1).padStart(2, '0')
    const day = String(local.getUTCDate()).padStart(2, '0')
    return `${String(year).padStart(4, '0')}-${month}-${day}`
  }
  const parts: Record<string, string> = {}
  for (const part of PARIS_DAY.formatToParts(instant)) {
    parts[part.type] = part.value
  }
  return `${parts.year.padStart(4, '0')}-${parts.month}-${parts.day}`
}

/**
 * Calendar date ('YYYY-MM-DD') of a value: a Luxon DateTime or a JS Date is read in
 * Europe/Paris; a 'YYYY-MM-DD' string is taken as is (never shifted by a timezone);
 * an ISO date-time string without offset is read as Paris local time.
 */
export function toIsoCalendarDate(value: DateTime | Date | string): string {
  if (DateTime.isDateTime(value)) {
    // Already in Paris (the application zone): its calendar fields are the answer, no Intl call.
    if (value.isValid && value.zoneName === PARIS_ZONE && value.year >= 1 && value.year <= 9999) {
      return value.toISODate()!
    }
    return parisDay(value.toJSDate(), value)
  }
  if (value instanceof Date) {
    return parisDay(value, value)
  }
  if (typeof value === 'string') {
    const match = value.match(ISO_DATE)
    if (match) {
      if (!isRealDay(Number(match[1]), Number(match[2]), Number(match[3]))) {
        throw new InvalidDateError(`date invalide : « ${value} » (jour inexistant)`, value)
      }
      return value
    }
    const date = DateTime.fromISO(value, { zone: PARIS_ZONE })
    if (date.isValid) {
      return date.toISODate()!
    }
  }
  throw new InvalidDateError(`date invalide : « ${String(value)} »`, value)
}

/**
 * `31/12/2023`, in Europe/Paris.
 */
export function formatDate(value: DateTime | Date | string): string {
  const [year, month, day] = toIsoCalendarDate(value).split('-')
  return `${day}/${month}/${year}`
}

/**
 * Converts an Excel serial date into 'YYYY-MM-DD'. The time of day (fraction) is ignored.
 *
 * In the 1900 date system Excel counts the nonexistent 29 February 1900 (serial 60), as
 * Lotus 1-2-3 did: serials from 61 on are days since 1899-12-30, serials below 60 days since
 * 1899-12-31, and 60 itself is refused.
 */
export function excelSerialToIsoDate(serial: number, date1904 = false): string {
  const days = Math.floor(serial)
  const outOfRange = () => new InvalidDateError(`date Excel hors limites : ${serial}`, serial)
  if (!Number.isFinite(serial) || days < (date1904 ? 0 : 1)) {
    throw outOfRange()
  }
  let epoch: number
  if (date1904) {
    epoch = Date.UTC(1904, 0, 1)
  } else if (days === 60) {
    throw new InvalidDateError('date invalide : 29/02/1900 (ce jour n’existe pas)', serial)
  } else {
    epoch = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)
  }
  const iso = new Date(epoch + days * 86_400_000).toISOString()
  // Excel stops at 9999-12-31; toISOString() writes later years as +010000-…
  if (iso.length !== 24) {
    throw outOfRange()
  }
  return iso.slice(0, 10)
}

/**
 * Parses a date typed or exported by a French user: `31/12/2023` (also `31.12.2023`,
 * `31-12-2023`, `1/2/2023`), `2023-12-31`, or an Excel serial number (`45291`). A time part
 * (`31/12/2023 14:30`) is ignored. Returns the start of that day in Europe/Paris.
 */
export function parseFrenchDate(text: string | number): DateTime {
  if (typeof text === 'number') {
    const [year, month, day] = excelSerialToIsoDate(text).split('-').map(Number)
    return calendarDate(year, month, day, text)
  }
  const value = text.trim()
  let match = value.match(FRENCH_DATE)
  if (match) {
    return calendarDate(Number(match[4]), Number(match[3]), Number(match[1]), text)
  }
  match = value.match(ISO_DATE_TIME)
  if (match) {
    return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]), text)
  }
  if (EXCEL_SERIAL.test(value)) {
    return parseFrenchDate(Number(value.replace(',', '.')))
  }
  if (value === '') {
    throw new InvalidDateError('date manquante', text)
  }
  throw new InvalidDateError(
    `date invalide : « ${value.slice(0, 40)} » (format attendu : JJ/MM/AAAA)`,
    text
  )
}

/**
 * A fiscal year's name in a sentence: "Exercice 2023" whether its label is "2023" or already
 * "Exercice 2023" (never "Exercice Exercice 2023").
 */
export function fiscalYearTitle(label: string | number): string {
  const text = String(label).trim()
  return /^exercice\b/i.test(text) ? text : `Exercice ${text}`
}

/**
 * A fiscal year's name after "l’exercice": "2023" whether its label is "2023" or
 * "Exercice 2023" (never "l’exercice Exercice 2023").
 */
export function fiscalYearName(label: string | number): string {
  return String(label)
    .trim()
    .replace(/^exercice\s+/i, '')
}
