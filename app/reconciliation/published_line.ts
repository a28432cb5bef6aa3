import { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import { publishedColumn, publishedTable } from '#vocabulary/reconciliation'
import {
  compare,
  formatCount,
  missing,
  type CheckResult,
  type DetailLine,
} from '#reconciliation/types'

/** A printed line of the published report (published_values). */
export interface PrintedLine {
  id: number
  table_key: string
  row_key: string
  column_key: string
  value: string | number | null
  text_value: string | null
  unit: string
}

/**
 * What Socle computes for a printed line: its value (null, and why, when Socle does not compute
 * it) and the decimals it is printed with (null: it must be equal to the cent).
 */
export interface ComputedFigure {
  value: Decimal | null
  precision: number | null
  why?: string
}

/** The line as printed: its text, or its value in French. */
export function printedText(row: PrintedLine) {
  return row.text_value ?? (row.value === null ? '' : formatCount(toMoney(row.value)))
}

/**
 * Compares one printed line (activity or HR tables of the published report) with what Socle
 * computes: equal, or, for a figure printed rounded, equal once rounded to the printed decimals
 * (within the last printed digit is rounding). `computedDetails` are the drill-down lines of
 * Socle's side.
 */
export function printedLineResult(
  domain: 'activity' | 'hr',
  row: PrintedLine,
  computed: ComputedFigure,
  computedDetails: (value: Decimal) => DetailLine[]
): CheckResult {
  const checkId = `published.${domain}:${row.table_key}:${row.row_key}:${row.column_key}`
  const title = `Publié · ${publishedTable(row.table_key)} · ${row.row_key} · ${publishedColumn(row.column_key)} (${printedText(row)})`
  if (row.value === null) return missing(checkId, title, 'Valeur publiée non numérique.')
  if (computed.value === null)
    return missing(checkId, title, `Socle ne calcule pas ce chiffre : ${computed.why}.`)
  const printed = toMoney(row.value)
  const details: DetailLine[] = [
    {
      label: 'Valeur imprimée',
      value: printed.toNumber(),
      source: `valeur publiée n° ${row.id}`,
    },
    ...computedDetails(computed.value),
  ]
  const unit = row.unit === 'eur' ? ' €' : ''
  const base = { checkId, title, expected: printed, unit: row.unit, details }
  if (computed.precision === null) {
    const { status, difference } = compare(printed, computed.value)
    return {
      ...base,
      status,
      actual: computed.value,
      difference,
      tolerance: 0,
      explanation:
        status === 'ok'
          ? null
          : `Imprimé ${formatCount(printed)}${unit}, calculé ${formatCount(computed.value)}${unit}.`,
    }
  }
  const step = toMoney(10).pow(-computed.precision)
  const rounded = computed.value.toDecimalPlaces(computed.precision, Decimal.ROUND_HALF_UP)
  const actual = computed.value.toDecimalPlaces(
    Math.max(computed.precision, 2),
    Decimal.ROUND_HALF_UP
  )
  const difference = actual.minus(printed)
  const status = rounded.eq(printed)
    ? 'ok'
    : difference.abs().lte(step)
      ? 'rounding'
      : 'discrepancy'
  const note =
    computed.precision === 0 ? 'arrondi à une unité près' : 'arrondi au dernier chiffre imprimé'
  return {
    ...base,
    status,
    actual,
    difference,
    tolerance: step,
    explanation:
      status === 'ok'
        ? null
        : `Imprimé ${printedText(row)}${unit}, calculé ${formatCount(actual)}${unit}${status === 'rounding' ? ` : ${note}` : ''}.`,
  }
}
