import { open } from 'node:fs/promises'
import { SpreadsheetError } from './errors.js'
import { DEFAULT_ZIP_LIMITS, readZipDirectory, type ZipLimits } from './zip.js'

export type SpreadsheetKind = 'xlsx' | 'csv'

export interface InspectOptions {
  maxBytes: number
  zipLimits?: ZipLimits
}

const SNIFF_BYTES = 8192

interface Signature {
  bytes: number[]
  reason: string
}

const NOT_A_SPREADSHEET = 'ce fichier n’est ni un classeur Excel (.xlsx) ni un fichier CSV'

const SIGNATURES: Signature[] = [
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    reason:
      'ancien format .xls non pris en charge, enregistrez en .xlsx (ou fichier Excel protégé par mot de passe : retirez le mot de passe)',
  },
  { bytes: [0x25, 0x50, 0x44, 0x46], reason: `${NOT_A_SPREADSHEET} (document PDF)` },
  { bytes: [0x89, 0x50, 0x4e, 0x47], reason: `${NOT_A_SPREADSHEET} (image PNG)` },
  { bytes: [0x47, 0x49, 0x46, 0x38], reason: `${NOT_A_SPREADSHEET} (image GIF)` },
  { bytes: [0xff, 0xd8, 0xff], reason: `${NOT_A_SPREADSHEET} (image JPEG)` },
  { bytes: [0x1f, 0x8b], reason: `${NOT_A_SPREADSHEET} (archive compressée)` },
  { bytes: [0x52, 0x61, 0x72, 0x21], reason: `${NOT_A_SPREADSHEET} (archive RAR)` },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], reason: `${NOT_A_SPREADSHEET} (archive 7z)` },
  {
    bytes: [0xff, 0xfe],
    reason: 'fichier texte en UTF-16 non pris en charge, enregistrez-le en « CSV UTF-8 »',
  },
  {
    bytes: [0xfe, 0xff],
    reason: 'fichier texte en UTF-16 non pris en charge, enregistrez-le en « CSV UTF-8 »',
  },
]

function startsWith(buffer: Buffer, bytes: number[]): boolean {
  return buffer.length >= bytes.length && bytes.every((byte, index) => buffer[index] === byte)
}

function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024)
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} Mo`.replace('.', ',')
}

function checkWorkbookEntries(names: Set<string>): void {
  if (names.has('[Content_Types].xml') && names.has('xl/workbook.xml')) {
    return
  }
  if (names.has('xl/workbook.bin')) {
    throw new SpreadsheetError('format .xlsb non pris en charge, enregistrez en .xlsx')
  }
  if (names.has('mimetype') && names.has('content.xml')) {
    throw new SpreadsheetError(
      'format OpenDocument (.ods) non pris en charge, enregistrez en .xlsx'
    )
  }
  throw new SpreadsheetError('ce fichier n’est pas un classeur Excel')
}

/**
 * Judges an uploaded file before reading it: size, then type from its first bytes, and for an
 * xlsx its ZIP central directory (zip bomb, missing workbook). Reads a few KB at most,
 * whatever the size of the file. Throws a SpreadsheetError with a French message.
 */
export async function inspectUpload(
  path: string,
  options: InspectOptions
): Promise<{ kind: SpreadsheetKind }> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    if (size > options.maxBytes) {
      throw new SpreadsheetError(
        `fichier trop volumineux (${megabytes(size)}, maximum ${megabytes(options.maxBytes)})`
      )
    }
    if (size === 0) {
      throw new SpreadsheetError('le fichier est vide')
    }

    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES))
    await handle.read(head, 0, head.length, 0)

    if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
      const directory = await readZipDirectory(
        handle,
        size,
        options.zipLimits ?? DEFAULT_ZIP_LIMITS
      )
      checkWorkbookEntries(new Set(directory.entries.map((entry) => entry.name)))
      return { kind: 'xlsx' }
    }

    for (const signature of SIGNATURES) {
      if (startsWith(head, signature.bytes)) {
        throw new SpreadsheetError(signature.reason)
      }
    }
    if (head.includes(0)) {
      throw new SpreadsheetError(`${NOT_A_SPREADSHEET} (fichier binaire)`)
    }
    return { kind: 'csv' }
  } finally {
    await handle.close()
  }
}
