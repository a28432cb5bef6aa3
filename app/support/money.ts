import { RuleError } from '#support/domain_errors'
import { Decimal } from 'decimal.js'

/**
 * Number of decimal places of an amount in euros.
 */
export const MONEY_SCALE = 2

/**
 * Decimal constructor used for every amount of the application.
 *
 * - 40 significant digits: sums of millions of amounts stay exact.
 * - ROUND_HALF_UP is "half away from zero" in decimal.js (2.675 -> 2.68, -0.005 -> -0.01).
 * - toExpNeg / toExpPos: toString() never switches to exponent notation.
 */
export const Money = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
})

export type MoneyInput = string | number | Decimal

/**
 * Raised when a value cannot be turned into an amount. The message is in French
 * and can be shown to the user as is.
 */
export class InvalidAmountError extends RuleError {
  constructor(
    message: string,
    readonly value: unknown
  ) {
    super(message)
    this.name = 'InvalidAmountError'
  }
}

const CANONICAL_AMOUNT = /^[+-]?\d+(\.\d+)?$/

function describe(value: unknown): string {
  if (typeof value === 'string') {
    return `« ${value.length > 40 ? `${value.slice(0, 40)}…` : value} »`
  }
  return String(value)
}

/**
 * Converts a machine value (database string, JS number, Decimal) into a Money decimal.
 * The value is kept exact: use `roundCents` to round it.
 *
 * Strings must use the canonical format `-1234.56` (what PostgreSQL returns for numeric).
 * Amounts typed by a user go through `parseFrenchAmount` instead.
 */
export function toMoney(value: MoneyInput | null): Decimal {
  if (value === null || value === undefined) {
    throw new InvalidAmountError('montant manquant', value)
  }
  if (Decimal.isDecimal(value)) {
    if (!value.isFinite()) {
      throw new InvalidAmountError(`montant invalide : ${describe(value.toString())}`, value)
    }
    return new Money(value)
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new InvalidAmountError(`montant invalide : ${describe(value)}`, value)
    }
    // String() gives the shortest representation that round-trips (0.1 -> "0.1").
    return new Money(String(value))
  }
  if (typeof value === 'string') {
    if (!CANONICAL_AMOUNT.test(value)) {
      throw new InvalidAmountError(`montant invalide : ${describe(value)}`, value)
    }
    return new Money(value)
  }
  throw new InvalidAmountError(`montant invalide : ${describe(value)}`, value)
}

/**
 * Zero as a Money decimal. Decimals are immutable: share it freely (`ZERO.plus(x)`,
 * `rows.reduce((sum, r) => sum.plus(r.amount), ZERO)`).
 */
export const ZERO: Decimal = new Money(0)

/**
 * `toMoney` for a value that may be missing: null and undefined (an empty SQL `SUM`, an
 * optional column, a map miss) count as zero.
 */
export function moneyOrZero(value: MoneyInput | null | undefined): Decimal {
  return value === null || value === undefined ? ZERO : toMoney(value)
}

/**
 * `toMoney` for an optional value: null and undefined stay null.
 */
export function moneyOrNull(value: MoneyInput | null | undefined): Decimal | null {
  return value === null || value === undefined ? null : toMoney(value)
}

/**
 * Rounds to the cent, half away from zero.
 */
export function roundCents(value: MoneyInput): Decimal {
  return toMoney(value).toDecimalPlaces(MONEY_SCALE, Decimal.ROUND_HALF_UP)
}

/**
 * Exact sum of amounts (no rounding).
 */
export function sumMoney(values: Iterable<MoneyInput>): Decimal {
  let total = ZERO
  for (const value of values) {
    total = total.plus(toMoney(value))
  }
  return total
}

const AMOUNT_SHAPE = /^\d[\d \u00A0\u202F\u2009.]*(,\d+)?$/

/**
 * Parses an amount typed by a French user.
 *
 * Accepted: `1 234,56` (space, NBSP or U+202F as group separator), `1.234,56`, `-1234,5`,
 * `1234.56`, `12 €`, `€ 12`, `12 EUR`, `+12`, `(1 234,56)` (negative, accounting style).
 * Returns null for an empty text. Throws an InvalidAmountError for anything else, including
 * ambiguous values such as `1.234` (thousands or decimals?) and `1,2,3`.
 * The value is returned exact, not rounded.
 */
export function parseFrenchAmount(text: string): Decimal | null {
  let rest = text.trim()
  if (rest === '') {
    return null
  }
  const invalid = (reason: string) =>
    new InvalidAmountError(`montant invalide : ${describe(text)} (${reason})`, text)

  let negative = false
  if (rest.startsWith('(') && rest.endsWith(')')) {
    negative = true
    rest = rest.slice(1, -1).trim()
  }

  rest = rest.replace(/^(€|EUR)\s*/i, '').replace(/\s*(€|EUR)$/i, '')

  const sign = rest.match(/^[-+\u2212]\s*/)
  if (sign) {
    if (negative && sign[0].trim() !== '+') {
      throw invalid('signe en double')
    }
    negative = negative || sign[0].trim() !== '+'
    rest = rest.slice(sign[0].length)
  }
  // The currency may also stand between the sign and the digits: "-12 €" was handled above,
  // "- € 12" is handled here.
  rest = rest.replace(/^(€|EUR)\s*/i, '')

  if (rest === '') {
    throw invalid('aucun chiffre')
  }
  if (!AMOUNT_SHAPE.test(rest)) {
    if (/,.*,/.test(rest)) {
      throw invalid('plusieurs virgules')
    }
    if (/,.*\./.test(rest)) {
      throw invalid('séparateurs ambigus, utilisez la virgule pour les décimales')
    }
    throw invalid('caractères non reconnus')
  }

  let integerPart = rest
  let fraction = ''
  const comma = rest.indexOf(',')
  if (comma >= 0) {
    integerPart = rest.slice(0, comma)
    fraction = rest.slice(comma + 1)
  } else if (rest.split('.').length === 2) {
    // A single dot is the decimal separator ("1234.56", "1 234.56") unless it could as well
    // be a thousands separator ("1.234").
    const [beforeDot, afterDot] = rest.split('.')
    if (/^[1-9]\d{0,2}$/.test(beforeDot) && afterDot.length === 3) {
      throw invalid('séparateur ambigu, écrivez 1234,56 ou 1 234,56')
    }
    if (!/^\d+$/.test(afterDot)) {
      throw invalid('séparateurs mal placés')
    }
    integerPart = beforeDot
    fraction = afterDot
  }

  const groups = integerPart.split(/[ \u00A0\u202F\u2009.]/)
  if (groups.length > 1) {
    const separators = new Set(integerPart.replace(/\d/g, ''))
    const mixesDotAndSpace = separators.has('.') && separators.size > 1
    const wellFormed =
      !mixesDotAndSpace &&
      /^\d{1,3}$/.test(groups[0]) &&
      groups.slice(1).every((group) => /^\d{3}$/.test(group))
    if (!wellFormed) {
      throw invalid('séparateur de milliers mal placé')
    }
  }

  const digits = groups.join('')
  const value = new Money(fraction ? `${digits}.${fraction}` : digits)
  return negative && !value.isZero() ? value.negated() : value
}

export interface MoneyColumnOptions {
  prepare: (value: MoneyInput | null | undefined) => string | null
  consume: (value: string | number | null) => Decimal | null
}

/**
 * Lucid column options for a `numeric(…, 2)` column: `@column(moneyColumnOptions)`.
 *
 * `prepare` refuses amounts that are not rounded to the cent instead of letting the
 * database round them silently: call `roundCents` where a computation produces more digits.
 */
export const moneyColumnOptions: MoneyColumnOptions = {
  prepare(value) {
    if (value === null || value === undefined) {
      return null
    }
    const amount = toMoney(value)
    if (amount.decimalPlaces() > MONEY_SCALE) {
      throw new InvalidAmountError(
        `montant non arrondi au centime : ${amount.toString()} (utilisez roundCents)`,
        value
      )
    }
    return amount.toFixed(MONEY_SCALE)
  },
  consume(value) {
    if (value === null || value === undefined) {
      return null
    }
    return toMoney(value)
  },
}
