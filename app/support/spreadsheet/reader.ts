import { readCsvRows, type CsvLimits } from './csv_reader.js'
import { SpreadsheetError } from './errors.js'
import type { SpreadsheetKind } from './inspect.js'
import type { SheetRow } from './cells.js'
import { readXlsxRows } from './xlsx_reader.js'
import type { ZipLimits } from './zip.js'

export { SpreadsheetError, columnLetter, type SpreadsheetErrorDetails } from './errors.js'
export { inspectUpload, type InspectOptions, type SpreadsheetKind } from './inspect.js'
export {
  readAmount,
  readDate,
  readText,
  cellDisplay,
  type CellValue,
  type SheetRow,
  type TextCell,
  type NumberCell,
  type DateCell,
  type BooleanCell,
  type ErrorCell,
} from './cells.js'
export { detectDelimiter, type CsvDelimiter } from './csv_reader.js'
export { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip.js'

export interface ReadRowsOptions {
  kind: SpreadsheetKind
  /** Maximum number of rows yielded, header included (blank rows are not counted). */
  maxRows: number
  /** Maximum number of columns of a row (trailing empty cells are not counted). */
  maxColumns: number
  /** xlsx only: worksheet to read (case-insensitive); the first visible one by default. */
  sheetName?: string
  zipLimits?: ZipLimits
  csvLimits?: CsvLimits
}

/**
 * Streams the rows of an uploaded file, inspected beforehand with `inspectUpload`.
 * Blank rows are skipped; each row keeps its 1-based line number in the file. Throws a
 * SpreadsheetError (French message naming the line) when the file is unreadable or when a
 * limit is exceeded; rows before the faulty one have already been yielded.
 */
export async function* readRows(path: string, options: ReadRowsOptions): AsyncGenerator<SheetRow> {
  const rows =
    options.kind === 'xlsx'
      ? readXlsxRows(path, { sheetName: options.sheetName, zipLimits: options.zipLimits })
      : readCsvRows(path, options.csvLimits)
  let count = 0
  for await (const row of rows) {
    let width = row.cells.length
    while (width > 0 && row.cells[width - 1] === null) {
      width--
    }
    if (width === 0) {
      continue
    }
    if (width > options.maxColumns) {
      throw new SpreadsheetError(`trop de colonnes : ${width} (maximum ${options.maxColumns})`, {
        line: row.line,
      })
    }
    count++
    if (count > options.maxRows) {
      throw new SpreadsheetError(`le fichier dépasse la limite de ${options.maxRows} lignes`, {
        line: row.line,
      })
    }
    yield width === row.cells.length ? row : { line: row.line, cells: row.cells.slice(0, width) }
  }
}
