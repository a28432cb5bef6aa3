import { Decimal } from 'decimal.js'
import { toMoney, ZERO } from '#support/money'

/**
 * A printed evolution ("+5%", "-12%", "109%", "=") as a ratio (0.05, -0.12, 1.09, 0), or
 * null when nothing is printed.
 */
export function parseEvolution(text: string | null | undefined): Decimal | null {
  if (text === null || text === undefined) return null
  const trimmed = text.trim()
  if (trimmed === '=' || trimmed === '') return trimmed === '=' ? ZERO : null
  const match = /^([+-]?\d+(?:[.,]\d+)?)\s*%$/.exec(trimmed)
  if (!match) return null
  return toMoney(match[1].replace(',', '.')).div(100)
}

/** N-1 value derived from N and a printed evolution: round(N / (1 + evolution)). */
export function previousFromEvolution(current: number, text: string | null | undefined) {
  const ratio = parseEvolution(text)
  if (ratio === null || ratio.lte(-1)) return null
  return toMoney(current).div(ratio.plus(1)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
}

/** Evolution N/N-1 as a ratio, never typed: null when N-1 is missing or zero. */
export function evolution(current: Decimal | null, previous: Decimal | null): Decimal | null {
  if (current === null || previous === null || previous.isZero()) return null
  return current.minus(previous).div(previous)
}
