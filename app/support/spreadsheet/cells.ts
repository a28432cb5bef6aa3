import type { Decimal } from 'decimal.js'
import type { DateTime } from 'luxon'
import { parseFrenchAmount, toMoney } from '../money.js'
import { formatDate, parseFrenchDate } from '../french_format.js'
import { SpreadsheetError } from './errors.js'

interface BaseCell {
  /** The value is the result cached by the spreadsheet program for a formula. */
  fromFormula: boolean
}

/** Text as typed (every CSV cell is a text cell). Never empty: empty cells are `null`. */
export interface TextCell extends BaseCell {
  kind: 'text'
  value: string
}

/**
 * Native xlsx number, as a plain decimal string (`-1234.5`) ready for `toMoney()`.
 * Rounded to 15 significant digits, the precision Excel displays and computes with, so that
 * a computed 0.30000000000000004 reads as 0.3.
 */
export interface NumberCell extends BaseCell {
  kind: 'number'
  value: string
}

/** Native xlsx date, as a calendar date 'YYYY-MM-DD' (the time of day is dropped). */
export interface DateCell extends BaseCell {
  kind: 'date'
  value: string
}

export interface BooleanCell extends BaseCell {
  kind: 'boolean'
  value: boolean
}

/**
 * Excel error (`#DIV/0!`, `#N/A`…), or '' for a formula without usable result: ExcelJS's
 * streaming reader drops the cached error of a formula, and some programs save formulas
 * without computing them.
 */
export interface ErrorCell extends BaseCell {
  kind: 'error'
  value: string
}

export type CellValue = TextCell | NumberCell | DateCell | BooleanCell | ErrorCell | null

export interface SheetRow {
  /** 1-based line: row number in the sheet, or line where the record starts in a CSV file. */
  line: number
  cells: CellValue[]
}

/**
 * Raw text of a cell for error messages.
 */
export function cellDisplay(cell: CellValue): string {
  if (cell === null) {
    return ''
  }
  if (cell.kind === 'boolean') {
    return cell.value ? 'VRAI' : 'FAUX'
  }
  if (cell.kind === 'date') {
    return formatDate(cell.value)
  }
  return cell.value
}

function fail(row: SheetRow, index: number, reason: string, quoteValue = true): never {
  const cell = row.cells[index] ?? null
  throw new SpreadsheetError(reason, {
    line: row.line,
    column: index + 1,
    value: cellDisplay(cell),
    quoteValue,
  })
}

function refuseError(row: SheetRow, index: number, cell: ErrorCell): never {
  fail(
    row,
    index,
    cell.value === ''
      ? 'formule sans résultat utilisable (erreur de calcul ou fichier enregistré sans les résultats)'
      : 'la cellule contient une erreur Excel'
  )
}

/**
 * Text of the cell at `index` (0-based), trimmed; null when empty.
 * Numbers keep a dot as decimal separator, dates are written dd/mm/yyyy.
 */
export function readText(row: SheetRow, index: number): string | null {
  const cell = row.cells[index] ?? null
  if (cell === null) {
    return null
  }
  if (cell.kind === 'error') {
    refuseError(row, index, cell)
  }
  const text = cellDisplay(cell).trim()
  return text === '' ? null : text
}

/**
 * Amount of the cell at `index` (0-based), exact (not rounded); null when empty.
 * Text cells are read as French amounts (`1 234,56 €`).
 */
export function readAmount(row: SheetRow, index: number): Decimal | null {
  const cell = row.cells[index] ?? null
  if (cell === null) {
    return null
  }
  switch (cell.kind) {
    case 'number':
      return toMoney(cell.value)
    case 'text':
      try {
        return parseFrenchAmount(cell.value)
      } catch (error) {
        fail(row, index, (error as Error).message, false)
      }
    // falls through: fail() never returns
    case 'error':
      refuseError(row, index, cell)
    // falls through
    default:
      fail(row, index, 'un montant est attendu')
  }
}

/**
 * Calendar date of the cell at `index` (0-based), start of day in Europe/Paris; null when
 * empty. Text cells accept `31/12/2023` and `2023-12-31`, number cells are Excel serials.
 */
export function readDate(row: SheetRow, index: number): DateTime | null {
  const cell = row.cells[index] ?? null
  if (cell === null) {
    return null
  }
  try {
    switch (cell.kind) {
      case 'date':
      case 'text':
        return parseFrenchDate(cell.value)
      case 'number':
        return parseFrenchDate(Number(cell.value))
      case 'error':
        refuseError(row, index, cell)
      // falls through
      default:
        fail(row, index, 'une date est attendue')
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) {
      throw error
    }
    fail(row, index, (error as Error).message, false)
  }
}
