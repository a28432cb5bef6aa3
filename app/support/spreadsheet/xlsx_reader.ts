import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { excelSerialToIsoDate } from '../french_format.js'
import { toMoney } from '../money.js'
import { SpreadsheetError } from './errors.js'
import type { CellValue, SheetRow } from './cells.js'
import { DEFAULT_ZIP_LIMITS, readZipDirectory, verifyZipContents, type ZipLimits } from './zip.js'

const EXCEL_MAX_ROWS = 1_048_576
const MS_PER_DAY = 86_400_000
// Days between 1899-12-30 (day 0 of Excel's 1900 system, as ExcelJS counts) and 1970-01-01.
const EXCEL_EPOCH_OFFSET = 25_569
const DATE_1904_OFFSET = 1_462

interface SheetInfo {
  name: string
  state?: string
}

/** The parts of ExcelJS's streaming WorkbookReader that its typings do not expose. */
interface WorkbookReaderInternals {
  model?: { sheets?: SheetInfo[] }
  properties?: { model?: { date1904?: boolean } }
}

interface WorksheetReaderInternals {
  name?: string
}

/**
 * True when a number format displays a date (d, m, y outside quoted text and [..] sections).
 * A format with hours or seconds but no day or year is a time, kept as a number.
 */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) {
    return false
  }
  const codes = format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
  return /[dy]/i.test(codes) || (/m/i.test(codes) && !/[hs]/i.test(codes))
}

/**
 * Plain decimal string of an xlsx number, at 15 significant digits like Excel.
 */
export function excelNumberToString(value: number): string {
  // toPrecision rounds the exact binary value; any decimal of 15 significant digits survives
  // the trip through a double unchanged (DBL_DIG), and toMoney reads its shortest form.
  const decimal = toMoney(Number(value.toPrecision(15)))
  return decimal.isZero() ? '0' : decimal.toFixed()
}

function dateCell(serial: number, date1904: boolean, fromFormula: boolean): CellValue {
  try {
    return { kind: 'date', value: excelSerialToIsoDate(serial, date1904), fromFormula }
  } catch {
    return { kind: 'error', value: '#DATE!', fromFormula }
  }
}

function normalise(
  value: unknown,
  numFmt: string | undefined,
  date1904: boolean,
  fromFormula: boolean
): CellValue {
  if (value === null || value === undefined) {
    // A formula without cached result, or whose cached result is an error (dropped by ExcelJS).
    return fromFormula ? { kind: 'error', value: '', fromFormula } : null
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) {
      return { kind: 'error', value: '', fromFormula }
    }
    if (fromFormula && isDateFormat(numFmt)) {
      return dateCell(value, date1904, fromFormula)
    }
    return { kind: 'number', value: excelNumberToString(value), fromFormula }
  }
  if (typeof value === 'string') {
    return value === '' ? null : { kind: 'text', value, fromFormula }
  }
  if (typeof value === 'boolean') {
    return { kind: 'boolean', value, fromFormula }
  }
  if (value instanceof Date) {
    // ExcelJS converted the serial into a UTC instant: go back to the serial so that the
    // calendar date follows Excel's own rules (1900 leap year bug included).
    const serial =
      value.getTime() / MS_PER_DAY + EXCEL_EPOCH_OFFSET - (date1904 ? DATE_1904_OFFSET : 0)
    return dateCell(serial, date1904, fromFormula)
  }
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      return normalise((value as { result?: unknown }).result, numFmt, date1904, true)
    }
    if ('richText' in value && Array.isArray(value.richText)) {
      const text = value.richText.map((run: { text?: string }) => run.text ?? '').join('')
      return text === '' ? null : { kind: 'text', value: text, fromFormula }
    }
    if ('error' in value) {
      return { kind: 'error', value: String(value.error), fromFormula }
    }
    if ('text' in value) {
      return normalise(value.text, numFmt, date1904, fromFormula)
    }
  }
  return { kind: 'error', value: '#INCONNU', fromFormula }
}

function rowCells(row: ExcelJS.Row, date1904: boolean): CellValue[] {
  const cells: CellValue[] = []
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    const value = normalise(cell.value, cell.numFmt, date1904, false)
    if (value !== null) {
      while (cells.length < column - 1) {
        cells.push(null)
      }
      cells[column - 1] = value
    }
  })
  return cells
}

export interface XlsxReadOptions {
  sheetName?: string
  zipLimits?: ZipLimits
}

/**
 * Streams the rows of one worksheet: `sheetName` (case-insensitive) or the first visible one.
 * The archive is first checked entry by entry (see verifyZipContents).
 */
export async function* readXlsxRows(
  path: string,
  options: XlsxReadOptions = {}
): AsyncGenerator<SheetRow> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    const directory = await readZipDirectory(handle, size, options.zipLimits ?? DEFAULT_ZIP_LIMITS)
    await verifyZipContents(handle, path, directory)
  } finally {
    await handle.close()
  }

  const input = createReadStream(path)
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  })
  const internals = workbook as unknown as WorkbookReaderInternals
  const wanted = options.sheetName?.trim().toLocaleLowerCase('fr')
  /*
   * ExcelJS copies worksheets met before the shared strings (Excel writes them last) into
   * temporary files and deletes each one only once its reader has been handed over and the
   * iteration moved on. So the iteration always runs to the end, even after the wanted sheet
   * or when the caller stops early: other sheets are skipped without being parsed.
   */
  const worksheets = workbook[Symbol.asyncIterator]()
  let found = false
  let completed = false

  try {
    for (;;) {
      const next = await worksheets.next()
      if (next.done) {
        break
      }
      const worksheet = next.value
      const name = (worksheet as unknown as WorksheetReaderInternals).name
      const sheets = internals.model?.sheets ?? []
      const target = wanted
        ? name?.toLocaleLowerCase('fr') === wanted
        : sheets.length === 0 ||
          name === (sheets.find((s) => s.state !== 'hidden') ?? sheets[0]).name
      if (found || !target) {
        // Read it through anyway: ExcelJS deletes a sheet's temporary file as soon as the
        // iteration moves on, and an unread sheet would then fail on a missing file.
        await drain(worksheet)
        continue
      }
      found = true
      const date1904 = internals.properties?.model?.date1904 === true
      for await (const row of worksheet) {
        if (row.number > EXCEL_MAX_ROWS) {
          throw new SpreadsheetError('fichier Excel corrompu (numéro de ligne invalide)', {
            line: row.number,
          })
        }
        yield { line: row.number, cells: rowCells(row, date1904) }
      }
    }
    completed = true
  } catch (error) {
    if (error instanceof SpreadsheetError) {
      throw error
    }
    throw new SpreadsheetError('fichier Excel illisible ou corrompu')
  } finally {
    if (!completed) {
      try {
        // Reads the remaining sheets through so that their temporary files are deleted.
        let next = await worksheets.next()
        while (!next.done) {
          await drain(next.value)
          next = await worksheets.next()
        }
      } catch {
        // The file is unreadable: there is nothing left to clean.
      }
    }
    input.destroy()
  }

  if (!found) {
    throw new SpreadsheetError(
      options.sheetName
        ? `onglet « ${options.sheetName} » introuvable dans le classeur`
        : 'le classeur ne contient aucune feuille'
    )
  }
}

/** Reads a worksheet to its end without keeping anything. */
async function drain(worksheet: AsyncIterable<unknown>) {
  for await (const row of worksheet) {
    void row
  }
}
