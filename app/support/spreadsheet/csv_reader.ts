import { isAscii, isUtf8 } from 'node:buffer'
import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { SpreadsheetError } from './errors.js'
import type { CellValue, SheetRow } from './cells.js'

export type CsvDelimiter = ';' | ',' | '\t'

export interface CsvLimits {
  /** Longest physical line, in bytes. */
  maxLineBytes: number
  /** Longest record (a quoted field may span several lines), in characters. */
  maxRecordChars: number
}

export const DEFAULT_CSV_LIMITS: CsvLimits = {
  maxLineBytes: 1024 * 1024,
  maxRecordChars: 1024 * 1024,
}

const LF = 0x0a
const CR = 0x0d
const UTF8_BOM = [0xef, 0xbb, 0xbf]

interface PhysicalLine {
  bytes: Buffer
  line: number
}

/**
 * Splits a byte stream into lines without decoding it: UTF-8 and Windows-1252 both encode the
 * line feed as the single byte 0x0A, which never appears inside a multi-byte UTF-8 sequence.
 * Line endings: LF, CRLF, or CR alone (old Mac exports) when the file has no LF at all.
 */
async function* physicalLines(
  stream: Readable,
  maxLineBytes: number
): AsyncGenerator<PhysicalLine> {
  let separator: number | null = null
  let pending: Buffer[] = []
  let pendingLength = 0
  let line = 0

  const tooLong = () =>
    new SpreadsheetError(`ligne trop longue (plus de ${Math.round(maxLineBytes / 1024)} Ko)`, {
      line: line + 1,
    })

  const emit = (bytes: Buffer): PhysicalLine => {
    line++
    const end =
      separator === LF && bytes.length > 0 && bytes[bytes.length - 1] === CR ? -1 : undefined
    return { bytes: end === undefined ? bytes : bytes.subarray(0, end), line }
  }

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (separator === null) {
      separator = chunk.includes(LF) || !chunk.includes(CR) ? LF : CR
    }
    let start = 0
    let index = chunk.indexOf(separator, start)
    while (index >= 0) {
      let bytes = chunk.subarray(start, index)
      if (pendingLength > 0) {
        bytes = Buffer.concat([...pending, bytes])
        pending = []
        pendingLength = 0
      }
      if (bytes.length > maxLineBytes) {
        throw tooLong()
      }
      yield emit(bytes)
      start = index + 1
      index = chunk.indexOf(separator, start)
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start))
      pendingLength += chunk.length - start
      if (pendingLength > maxLineBytes) {
        throw tooLong()
      }
    }
  }
  if (pendingLength > 0) {
    yield emit(Buffer.concat(pending))
  }
}

// Bytes that Windows-1252 leaves undefined: their presence means the file is not 1252 text.
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d])

/**
 * Decodes line by line, choosing the encoding at the first non-ASCII line: UTF-8 when it is
 * valid UTF-8 (or when the file starts with a BOM), Windows-1252 otherwise (also right for
 * ISO-8859-1 and, except for a few signs such as €, ISO-8859-15). Once chosen, every later line
 * must match it, so a line mixing encodings is reported with its number.
 */
class LineDecoder {
  private encoding: 'undecided' | 'utf8' | 'windows-1252' = 'undecided'
  private readonly windows1252 = new TextDecoder('windows-1252')

  decode({ bytes, line }: PhysicalLine): string {
    let content = bytes
    if (line === 1 && UTF8_BOM.every((byte, index) => bytes[index] === byte)) {
      this.encoding = 'utf8'
      content = bytes.subarray(UTF8_BOM.length)
    }
    if (content.includes(0)) {
      throw new SpreadsheetError('caractère nul inattendu, le fichier n’est pas un texte', { line })
    }
    if (isAscii(content)) {
      return content.toString('latin1')
    }
    const unrecognised = () => new SpreadsheetError('encodage du fichier non reconnu', { line })
    const utf8 = isUtf8(content)
    if (this.encoding === 'undecided') {
      this.encoding = utf8 ? 'utf8' : 'windows-1252'
    }
    if (this.encoding === 'utf8') {
      if (!utf8) {
        throw unrecognised()
      }
      return content.toString('utf8')
    }
    if (utf8 || content.some((byte) => UNDEFINED_IN_1252.has(byte))) {
      throw unrecognised()
    }
    return this.windows1252.decode(content)
  }
}

function countOutsideQuotes(text: string, delimiter: string): number {
  let count = 0
  let quoted = false
  for (const char of text) {
    if (char === '"') {
      quoted = !quoted
    } else if (char === delimiter && !quoted) {
      count++
    }
  }
  return count
}

/**
 * Delimiter of a header line: the most frequent of `;`, tab and `,` outside quotes.
 * On a tie `;` wins (French Excel), then tab.
 */
export function detectDelimiter(header: string): CsvDelimiter {
  let best: CsvDelimiter = ';'
  let bestCount = 0
  for (const delimiter of [';', '\t', ','] as const) {
    const count = countOutsideQuotes(header, delimiter)
    if (count > bestCount) {
      best = delimiter
      bestCount = count
    }
  }
  return best
}

/**
 * RFC 4180 record parser fed one decoded line at a time. Quoted fields may contain the
 * delimiter, doubled quotes and line breaks (kept as "\n"). Like Excel, it is lenient with a
 * quote in the middle of an unquoted field (kept as is) and with text after a closing quote.
 */
class RecordParser {
  private fields: string[] = []
  private field = ''
  private fieldWasQuoted = false
  private quoted = false
  private chars = 0
  startLine = 0

  constructor(
    private readonly delimiter: string,
    private readonly maxRecordChars: number
  ) {}

  get inQuotedField(): boolean {
    return this.quoted
  }

  feed(text: string, line: number): string[] | null {
    if (this.quoted) {
      this.field += '\n'
    } else {
      this.startLine = line
      this.chars = 0
      if (!text.includes('"')) {
        return text.split(this.delimiter)
      }
    }
    this.chars += text.length
    if (this.chars > this.maxRecordChars) {
      throw new SpreadsheetError('enregistrement trop long (guillemet non fermé ?)', {
        line: this.startLine,
      })
    }

    let index = 0
    while (index < text.length) {
      if (this.quoted) {
        const quote = text.indexOf('"', index)
        if (quote < 0) {
          this.field += text.slice(index)
          index = text.length
        } else if (text[quote + 1] === '"') {
          this.field += text.slice(index, quote + 1)
          index = quote + 2
        } else {
          this.field += text.slice(index, quote)
          this.quoted = false
          index = quote + 1
        }
      } else if (text[index] === '"' && this.field === '' && !this.fieldWasQuoted) {
        this.quoted = true
        this.fieldWasQuoted = true
        index++
      } else {
        const delimiter = text.indexOf(this.delimiter, index)
        const end = delimiter < 0 ? text.length : delimiter
        this.field += text.slice(index, end)
        index = end
        if (delimiter >= 0) {
          this.fields.push(this.field)
          this.field = ''
          this.fieldWasQuoted = false
          index++
        }
      }
    }
    if (this.quoted) {
      return null
    }
    const record = [...this.fields, this.field]
    this.fields = []
    this.field = ''
    this.fieldWasQuoted = false
    return record
  }
}

function toCells(fields: string[]): CellValue[] {
  return fields.map((value) =>
    value.trim() === '' ? null : { kind: 'text', value, fromFormula: false }
  )
}

/**
 * Streams the records of a CSV file as text cells (empty fields are null). Blank lines are
 * skipped. `line` is the physical line where the record starts.
 */
export async function* readCsvRows(
  path: string,
  limits: CsvLimits = DEFAULT_CSV_LIMITS
): AsyncGenerator<SheetRow> {
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 })
  const decoder = new LineDecoder()
  let parser: RecordParser | null = null
  try {
    for await (const physical of physicalLines(stream, limits.maxLineBytes)) {
      const text = decoder.decode(physical)
      if (parser === null) {
        if (text.trim() === '') {
          continue
        }
        // "sep=;" is the hint Excel writes and reads in front of a CSV file.
        const hint = text.match(/^sep=(.)$/i)
        if (hint && [';', ',', '\t'].includes(hint[1])) {
          parser = new RecordParser(hint[1], limits.maxRecordChars)
          continue
        }
        parser = new RecordParser(detectDelimiter(text), limits.maxRecordChars)
      }
      if (text === '' && !parser.inQuotedField) {
        continue
      }
      const record = parser.feed(text, physical.line)
      if (record) {
        yield { line: parser.startLine, cells: toCells(record) }
      }
    }
    if (parser?.inQuotedField) {
      throw new SpreadsheetError('guillemet non fermé', { line: parser.startLine })
    }
  } finally {
    stream.destroy()
  }
}
