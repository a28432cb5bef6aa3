import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises'
import { Decimal } from 'decimal.js'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import { toIsoCalendarDate, formatDate } from '../french_format.js'
import { roundCents, toMoney, type MoneyInput } from '../money.js'
import { neutraliseFormula } from '../spreadsheet_safety.js'

export type ColumnType = 'text' | 'money' | 'number' | 'integer' | 'percent' | 'date'

export interface ColumnSpec {
  /** Header shown to the user (French). */
  header: string
  /** Property of the row object holding the value. */
  key: string
  type: ColumnType
  /** Width in characters; derived from the header and the type when omitted. */
  width?: number
  /** Decimals shown for 'number' (2 by default) and 'percent' (1 by default). */
  decimals?: number
}

export interface SheetSpec {
  /** Worksheet name (at most 31 characters, without : \ / ? * [ ]). */
  name: string
  columns: ColumnSpec[]
}

export type Row = Record<string, unknown>

// Longest text an Excel cell accepts; a longer one makes Excel "repair" the file.
const EXCEL_MAX_TEXT = 32_767
const YIELD_EVERY_ROWS = 200

const DEFAULT_WIDTHS: Record<ColumnType, number> = {
  text: 24,
  money: 16,
  number: 14,
  integer: 12,
  percent: 10,
  date: 12,
}

function fraction(decimals: number): string {
  return decimals > 0 ? `.${'0'.repeat(decimals)}` : ''
}

/**
 * Excel number formats are stored with "," and "." and displayed with the separators of the
 * reader's locale: `#,##0.00 "€"` shows as `1 234,56 €` in a French Excel.
 */
export function numberFormat(column: ColumnSpec): string | undefined {
  switch (column.type) {
    case 'money':
      return '#,##0.00 "€"'
    case 'number':
      return `#,##0${fraction(column.decimals ?? 2)}`
    case 'integer':
      return '#,##0'
    case 'percent':
      return `0${fraction(column.decimals ?? 1)} %`
    case 'date':
      return 'dd/mm/yyyy'
    default:
      return undefined
  }
}

function isEmpty(value: unknown): value is null | undefined | '' {
  return value === null || value === undefined || value === ''
}

function toText(value: unknown): string {
  if (typeof value === 'string') {
    return value
  }
  if (DateTime.isDateTime(value) || value instanceof Date) {
    return formatDate(value)
  }
  return String(value)
}

function toDecimal(column: ColumnSpec, value: unknown): Decimal {
  if (typeof value !== 'string' && typeof value !== 'number' && !Decimal.isDecimal(value)) {
    throw new TypeError(`Colonne « ${column.header} » : valeur non numérique (${String(value)})`)
  }
  return toMoney(value as MoneyInput)
}

function toInteger(column: ColumnSpec, value: unknown): Decimal {
  const decimal = toDecimal(column, value)
  if (!decimal.isInteger()) {
    throw new TypeError(`Colonne « ${column.header} » : valeur non entière (${decimal.toString()})`)
  }
  return decimal
}

function toDate(value: unknown): DateTime | Date | string {
  if (DateTime.isDateTime(value) || value instanceof Date || typeof value === 'string') {
    return value
  }
  throw new TypeError(`valeur de date non reconnue : ${String(value)}`)
}

/**
 * Value of an xlsx cell. Amounts become IEEE doubles only here, at the cell boundary: an xlsx
 * number cell holds nothing else, and amounts below 10^13 euros are exact to the cent.
 */
export function xlsxCellValue(column: ColumnSpec, value: unknown): ExcelJS.CellValue {
  if (isEmpty(value)) {
    return null
  }
  switch (column.type) {
    case 'text': {
      const text = neutraliseFormula(toText(value))
      return text.length > EXCEL_MAX_TEXT ? `${text.slice(0, EXCEL_MAX_TEXT - 1)}…` : text
    }
    case 'money':
      return roundCents(toDecimal(column, value)).toNumber()
    case 'number':
    case 'percent':
      return toDecimal(column, value).toNumber()
    case 'integer':
      return toInteger(column, value).toNumber()
    case 'date': {
      // ExcelJS writes a Date as its UTC calendar day: midnight UTC keeps the day unchanged.
      const [year, month, day] = toIsoCalendarDate(toDate(value)).split('-').map(Number)
      return new Date(Date.UTC(year, month - 1, day))
    }
  }
}

function defaultWidth(column: ColumnSpec): number {
  return (
    column.width ?? Math.max(DEFAULT_WIDTHS[column.type], Math.min(column.header.length + 4, 50))
  )
}

interface SheetTarget {
  columns: Array<Partial<ExcelJS.Column>>
  getRow(index: number): ExcelJS.Row
  autoFilter?: ExcelJS.AutoFilter
}

function prepareSheet(sheet: SheetTarget, columns: ColumnSpec[]): void {
  sheet.columns = columns.map((column) => {
    const numFmt = numberFormat(column)
    return {
      key: column.key,
      width: defaultWidth(column),
      ...(numFmt ? { style: { numFmt } } : {}),
    }
  })
}

function writeHeader(row: ExcelJS.Row, columns: ColumnSpec[]): void {
  columns.forEach((column, index) => {
    const cell = row.getCell(index + 1)
    cell.value = column.header
    cell.font = { bold: true }
    cell.numFmt = 'General'
  })
}

function rowValues(columns: ColumnSpec[], row: Row): ExcelJS.CellValue[] {
  return columns.map((column) => xlsxCellValue(column, row[column.key]))
}

function sheetOptions(): Partial<ExcelJS.AddWorksheetOptions> {
  return { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' }] }
}

function filterRange(columns: ColumnSpec[], lastRow: number): ExcelJS.AutoFilter {
  return { from: { row: 1, column: 1 }, to: { row: Math.max(lastRow, 1), column: columns.length } }
}

/**
 * Builds a whole workbook in memory: for small tables (a few thousand rows).
 */
export async function buildWorkbook(
  sheets: Array<SheetSpec & { rows: Iterable<Row> }>
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, sheetOptions())
    prepareSheet(sheet, spec.columns)
    writeHeader(sheet.getRow(1), spec.columns)
    let lastRow = 1
    for (const row of spec.rows) {
      sheet.addRow(rowValues(spec.columns, row))
      lastRow++
    }
    sheet.autoFilter = filterRange(spec.columns, lastRow)
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

async function drained(output: Writable): Promise<void> {
  if (output.writableNeedDrain) {
    await once(output, 'drain')
  }
}

/** ExcelJS internals: the buffer between a worksheet and the zip compressor. */
interface WorksheetWriterInternals {
  _stream?: { pipes?: Array<{ _writableState?: { length?: number } }> }
}

const MAX_PENDING_SHEET_BYTES = 1024 * 1024

/**
 * ExcelJS 4.4 writes committed rows into the compressor's input without backpressure
 * (exceljs issue #2916): when rows come faster than deflate, the whole sheet piles up in
 * memory. Wait for the compressor while more than 1 MB is pending.
 */
async function compressorCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const pending = () =>
    (sheet as unknown as WorksheetWriterInternals)._stream?.pipes?.[0]?._writableState?.length ?? 0
  while (pending() > MAX_PENDING_SHEET_BYTES) {
    await delay(5)
  }
}

/**
 * Streams one worksheet to `output` (an HTTP response, a file...), row by row, with bounded
 * memory: each row is committed as soon as it is written, and the writer waits while the
 * output is saturated. Resolves when the whole file has been written; `output` is then ended.
 * If a row cannot be written (or `rows` throws), `output` is destroyed and the error rethrown.
 */
export async function streamWorkbook(
  output: Writable,
  spec: SheetSpec,
  rows: AsyncIterable<Row> | Iterable<Row>
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet(spec.name, sheetOptions())
  prepareSheet(sheet, spec.columns)
  const header = sheet.getRow(1)
  writeHeader(header, spec.columns)
  header.commit()

  let lastRow = 1
  try {
    for await (const row of rows) {
      sheet.addRow(rowValues(spec.columns, row)).commit()
      lastRow++
      if (lastRow % YIELD_EVERY_ROWS === 0) {
        await nextTurn()
        await compressorCaughtUp(sheet)
        await drained(output)
      }
    }
  } catch (error) {
    // A half-written file must not look complete: cut the output (an HTTP client sees a
    // failed download) and let the caller log the error.
    output.destroy()
    throw error
  }
  sheet.autoFilter = filterRange(spec.columns, lastRow)
  sheet.commit()
  await workbook.commit()
}

function csvField(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * CSV value: French decimal comma without thousands separator (so that Excel and LibreOffice
 * read it back as a number), dates dd/mm/yyyy, text neutralised against formula injection.
 */
export function csvCellValue(column: ColumnSpec, value: unknown): string {
  if (isEmpty(value)) {
    return ''
  }
  switch (column.type) {
    case 'text':
      return neutraliseFormula(toText(value))
    case 'money':
      return roundCents(toDecimal(column, value)).toFixed(2).replace('.', ',')
    case 'number':
      return toDecimal(column, value)
        .toFixed(column.decimals ?? 2, Decimal.ROUND_HALF_UP)
        .replace('.', ',')
    case 'integer':
      return toInteger(column, value).toFixed(0)
    case 'percent': {
      const percent = toDecimal(column, value).times(100)
      return `${percent.toFixed(column.decimals ?? 1, Decimal.ROUND_HALF_UP).replace('.', ',')}%`
    }
    case 'date':
      return formatDate(toDate(value))
  }
}

/**
 * Writes a CSV file for French Excel: UTF-8 with BOM, `;` separator, CRLF line endings,
 * RFC 4180 quoting. Does not end `output`.
 */
export async function writeCsv(
  output: Writable,
  columns: ColumnSpec[],
  rows: AsyncIterable<Row> | Iterable<Row>
): Promise<void> {
  const write = async (line: string) => {
    if (!output.write(line)) {
      await once(output, 'drain')
    }
  }
  await write(
    `\uFEFF${columns.map((column) => csvField(neutraliseFormula(column.header))).join(';')}\r\n`
  )
  for await (const row of rows) {
    await write(
      `${columns.map((column) => csvField(csvCellValue(column, row[column.key]))).join(';')}\r\n`
    )
  }
}
