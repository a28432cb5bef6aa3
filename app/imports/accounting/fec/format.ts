import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'

/** The 18 fields of the FEC (LPF art. A47 A-1), in their legal order. */
export const FEC_COLUMNS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const

/** Montant + Sens variant: columns 12 and 13 hold the amount and its direction. */
export const FEC_VARIANT_COLUMNS = ['Montant', 'Sens'] as const

export const COL = {
  journalCode: 0,
  journalLib: 1,
  ecritureNum: 2,
  ecritureDate: 3,
  compteNum: 4,
  compteLib: 5,
  compAuxNum: 6,
  compAuxLib: 7,
  pieceRef: 8,
  pieceDate: 9,
  ecritureLib: 10,
  debit: 11,
  credit: 12,
  ecritureLet: 13,
  dateLet: 14,
  validDate: 15,
  montantDevise: 16,
  idevise: 17,
} as const

export type FecEncoding = 'utf-8' | 'iso-8859-15'

export interface FecLine {
  /** 1-based line number in the file (the header is line 1). */
  line: number
  fields: string[]
}

const SNIFF = 256 * 1024

/** UTF-8 if the first 256 KB decode as UTF-8, else ISO-8859-15 (re-checked while reading). */
export async function detectEncoding(path: string): Promise<FecEncoding> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(SNIFF)
    const { bytesRead } = await handle.read(buffer, 0, SNIFF, 0)
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, bytesRead), {
        stream: true,
      })
      return 'utf-8'
    } catch {
      return 'iso-8859-15'
    }
  } finally {
    await handle.close()
  }
}

export class EncodingMismatch extends Error {}

/** The lines of one chunk of a file: `texts[i]` is file line `first + i`. */
export interface LineBatch {
  first: number
  texts: string[]
}

/**
 * Streams the lines of a text file (LF, CRLF or CR endings) with bounded memory, one batch per
 * 64 KB chunk: a million-line file costs a few thousand awaits, not a million. A UTF-8 file
 * that turns out not to be UTF-8 further down throws EncodingMismatch (the caller re-reads the
 * file as ISO-8859-15).
 */
export async function* readTextLines(
  path: string,
  encoding: FecEncoding,
  onBytes?: (chunk: Buffer) => void
): AsyncGenerator<LineBatch> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false })
  // 64 KB chunks: their decoded text stays a young-generation string, freed at the next scavenge,
  // where a megabyte would go to the large-object space and grow the heap until a full GC.
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 })
  let rest = ''
  let line = 0
  let crOnly: boolean | null = null
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    onBytes?.(chunk)
    let text: string
    try {
      text = decoder.decode(chunk, { stream: true })
    } catch {
      stream.destroy()
      throw new EncodingMismatch()
    }
    text = rest + text
    if (crOnly === null && /[\r\n]/.test(text)) crOnly = !text.includes('\n')
    const separator = crOnly ? '\r' : '\n'
    const texts: string[] = []
    let start = 0
    let index: number
    while ((index = text.indexOf(separator, start)) !== -1) {
      let end = index
      if (!crOnly && end > start && text.charCodeAt(end - 1) === 13) end--
      texts.push(text.slice(start, end))
      start = index + 1
    }
    rest = text.slice(start)
    if (texts.length > 0) {
      yield { first: line + 1, texts }
      line += texts.length
    }
  }
  try {
    rest += decoder.decode()
  } catch {
    throw new EncodingMismatch()
  }
  if (rest.endsWith('\r')) rest = rest.slice(0, -1)
  if (rest.length > 0) yield { first: line + 1, texts: [rest] }
}

const DATE = /^(\d{4})(\d{2})(\d{2})$/

function readFecDate(text: string): string | null {
  const match = DATE.exec(text)
  if (!match) return null
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return null
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > last) return null
  return `${match[1]}-${match[2]}-${match[3]}`
}

// A file repeats a few hundred dates over its lines: each is read once.
const knownDates = new Map<string, string | null>()

/** AAAAMMJJ -> 'YYYY-MM-DD', or null when it is not a real calendar date. */
export function parseFecDate(text: string): string | null {
  let date = knownDates.get(text)
  if (date === undefined) {
    date = readFecDate(text)
    if (knownDates.size >= 10_000) knownDates.clear()
    knownDates.set(text, date)
  }
  return date
}

export function formatFecDate(iso: string | null) {
  return iso ? iso.replaceAll('-', '') : ''
}

const AMOUNT = /^([+-]?)(\d{1,13})(?:[,.](\d{1,2}))?$/

/**
 * Exact amount in cents (BigInt) from the FEC's decimal comma (a dot is tolerated); null when
 * malformed. Empty means zero. No float is involved.
 */
export function parseFecAmount(text: string): bigint | null {
  if (text === '') return 0n
  const match = AMOUNT.exec(text.replace(/\s/g, ''))
  if (!match) return null
  const cents = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0') || '0')
  return match[1] === '-' ? -cents : cents
}

/** Cents -> '1234.56' (SQL numeric) */
export function centsToDecimal(cents: bigint) {
  const negative = cents < 0n
  const abs = negative ? -cents : cents
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
  return negative ? `-${text}` : text
}

/** numeric text '1234.50' -> FEC '1234,50' */
export function toFecAmount(numeric: string | null) {
  if (numeric === null || numeric === undefined) return ''
  return numeric.replace('.', ',')
}
