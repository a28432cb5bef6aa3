import { createReadStream } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { createInflateRaw } from 'node:zlib'
import { SpreadsheetError } from './errors.js'

/*
 * Minimal reader of a ZIP central directory (APPNOTE.TXT, sections 4.3.12 to 4.3.16).
 * Used to judge an uploaded .xlsx before any decompression: an xlsx is a ZIP archive whose
 * central directory, at the end of the file, lists every entry with its declared sizes.
 */

export interface ZipLimits {
  maxEntries: number
  /** Sum of the declared uncompressed sizes, in bytes. */
  maxUncompressedBytes: number
  /** Maximum uncompressed / compressed ratio of an entry... */
  maxRatio: number
  /** ...for entries larger than this (small, very repetitive XML files compress well). */
  ratioCheckFromBytes: number
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxRatio: 100,
  ratioCheckFromBytes: 1024 * 1024,
}

export interface ZipEntry {
  name: string
  flags: number
  method: number
  compressedSize: number
  uncompressedSize: number
  localHeaderOffset: number
}

export interface ZipDirectory {
  entries: ZipEntry[]
  centralDirectoryOffset: number
}

const EOCD_SIGNATURE = 0x06054b50
const EOCD_SIZE = 22
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50
const ZIP64_EOCD_SIGNATURE = 0x06064b50
const CENTRAL_HEADER_SIGNATURE = 0x02014b50
const CENTRAL_HEADER_SIZE = 46
const LOCAL_HEADER_SIGNATURE = 0x04034b50
const LOCAL_HEADER_SIZE = 30
const MAX_CENTRAL_DIRECTORY_BYTES = 16 * 1024 * 1024

const STORED = 0
const DEFLATED = 8

const corrupt = () => new SpreadsheetError('fichier Excel corrompu (archive ZIP illisible)')

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  const { bytesRead } = await handle.read(buffer, 0, length, position)
  if (bytesRead !== length) {
    throw corrupt()
  }
  return buffer
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw corrupt()
  }
  return Number(value)
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} Mo`
}

/**
 * Reads and checks the central directory. Throws a SpreadsheetError for a corrupt archive,
 * a multi-volume or encrypted one, or one whose declared content exceeds `limits`
 * (zip bomb). Reads only the end of the file: a few KB whatever its size.
 */
export async function readZipDirectory(
  handle: FileHandle,
  fileSize: number,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS
): Promise<ZipDirectory> {
  if (fileSize < EOCD_SIZE) {
    throw corrupt()
  }
  // The end of central directory record is followed by a comment of at most 65 535 bytes.
  const tailLength = Math.min(fileSize, EOCD_SIZE + 0xffff)
  const tailStart = fileSize - tailLength
  const tail = await readAt(handle, tailStart, tailLength)

  let eocd = -1
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (
      tail.readUInt32LE(i) === EOCD_SIGNATURE &&
      i + EOCD_SIZE + tail.readUInt16LE(i + 20) <= tail.length
    ) {
      eocd = i
      break
    }
  }
  if (eocd < 0) {
    throw corrupt()
  }

  const diskNumber = tail.readUInt16LE(eocd + 4)
  const directoryDisk = tail.readUInt16LE(eocd + 6)
  let entryCount = tail.readUInt16LE(eocd + 10)
  let directorySize = tail.readUInt32LE(eocd + 12)
  let directoryOffset = tail.readUInt32LE(eocd + 16)
  const directoryEnd = tailStart + eocd

  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = eocd - 20
    if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE) {
      throw corrupt()
    }
    const zip64Offset = toSafeNumber(tail.readBigUInt64LE(locator + 8))
    if (zip64Offset + 56 > fileSize) {
      throw corrupt()
    }
    const zip64 = await readAt(handle, zip64Offset, 56)
    if (zip64.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) {
      throw corrupt()
    }
    entryCount = toSafeNumber(zip64.readBigUInt64LE(32))
    directorySize = toSafeNumber(zip64.readBigUInt64LE(40))
    directoryOffset = toSafeNumber(zip64.readBigUInt64LE(48))
  }

  if (diskNumber !== 0 || directoryDisk !== 0) {
    throw new SpreadsheetError('archive ZIP en plusieurs volumes non prise en charge')
  }
  if (entryCount > limits.maxEntries) {
    throw new SpreadsheetError(
      `fichier Excel refusé : l’archive contient ${entryCount} fichiers (maximum ${limits.maxEntries})`
    )
  }
  if (
    directorySize > MAX_CENTRAL_DIRECTORY_BYTES ||
    directoryOffset + directorySize > directoryEnd
  ) {
    throw corrupt()
  }

  const directory = await readAt(handle, directoryOffset, directorySize)
  const entries: ZipEntry[] = []
  const names = new Set<string>()
  let totalUncompressed = 0
  let position = 0

  for (let index = 0; index < entryCount; index++) {
    if (
      position + CENTRAL_HEADER_SIZE > directory.length ||
      directory.readUInt32LE(position) !== CENTRAL_HEADER_SIGNATURE
    ) {
      throw corrupt()
    }
    const flags = directory.readUInt16LE(position + 8)
    const method = directory.readUInt16LE(position + 10)
    let compressedSize = directory.readUInt32LE(position + 20)
    let uncompressedSize = directory.readUInt32LE(position + 24)
    const nameLength = directory.readUInt16LE(position + 28)
    const extraLength = directory.readUInt16LE(position + 30)
    const commentLength = directory.readUInt16LE(position + 32)
    let diskStart = directory.readUInt16LE(position + 34)
    let localHeaderOffset = directory.readUInt32LE(position + 42)
    const nameStart = position + CENTRAL_HEADER_SIZE
    const extraStart = nameStart + nameLength
    const next = extraStart + extraLength + commentLength
    if (next > directory.length) {
      throw corrupt()
    }
    // Bit 11: name in UTF-8, otherwise CP437; the names that matter here are ASCII.
    const name = directory.toString(flags & 0x800 ? 'utf8' : 'latin1', nameStart, extraStart)

    // ZIP64 extended information: 8-byte values replace the fields saturated at 0xFFFFFFFF.
    let extra = extraStart
    while (extra + 4 <= extraStart + extraLength) {
      const id = directory.readUInt16LE(extra)
      const size = directory.readUInt16LE(extra + 2)
      if (id === 0x0001) {
        let field = extra + 4
        const read64 = () => {
          if (field + 8 > extra + 4 + size) {
            throw corrupt()
          }
          const value = toSafeNumber(directory.readBigUInt64LE(field))
          field += 8
          return value
        }
        if (uncompressedSize === 0xffffffff) uncompressedSize = read64()
        if (compressedSize === 0xffffffff) compressedSize = read64()
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = read64()
        if (diskStart === 0xffff && field + 4 <= extra + 4 + size) {
          diskStart = directory.readUInt32LE(field)
        }
      }
      extra += 4 + size
    }

    if (diskStart !== 0) {
      throw new SpreadsheetError('archive ZIP en plusieurs volumes non prise en charge')
    }
    if (flags & 0x1) {
      throw new SpreadsheetError(
        'fichier Excel chiffré : retirez le mot de passe avant de l’importer'
      )
    }
    if (method !== STORED && method !== DEFLATED) {
      throw new SpreadsheetError(
        `fichier Excel refusé : méthode de compression non prise en charge (${name})`
      )
    }
    if (method === STORED && compressedSize !== uncompressedSize) {
      throw corrupt()
    }
    if (localHeaderOffset + compressedSize > directoryOffset) {
      throw corrupt()
    }
    if (names.has(name)) {
      throw new SpreadsheetError(
        `fichier Excel refusé : « ${name} » apparaît deux fois dans l’archive`
      )
    }
    names.add(name)

    totalUncompressed += uncompressedSize
    if (totalUncompressed > limits.maxUncompressedBytes) {
      throw new SpreadsheetError(
        `fichier Excel refusé : contenu décompressé trop volumineux (plus de ${megabytes(limits.maxUncompressedBytes)})`
      )
    }
    if (
      uncompressedSize > limits.ratioCheckFromBytes &&
      uncompressedSize > compressedSize * limits.maxRatio
    ) {
      throw new SpreadsheetError(
        `fichier Excel refusé : taux de compression anormal pour « ${name} » (archive piégée ?)`
      )
    }

    entries.push({ name, flags, method, compressedSize, uncompressedSize, localHeaderOffset })
    position = next
  }

  return { entries, centralDirectoryOffset: directoryOffset }
}

/**
 * Checks that the archive holds nothing but what its central directory declares, so that a
 * sequential reader (ExcelJS reads local headers one after the other) sees the same entries:
 * local headers agree with the directory, entries are contiguous from the start of the file to
 * the directory, and no entry inflates to more than its declared size. Decompresses every entry
 * once, in a stream, stopping as soon as a declared size is exceeded.
 */
export async function verifyZipContents(
  handle: FileHandle,
  path: string,
  directory: ZipDirectory
): Promise<void> {
  const entries = [...directory.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset)
  let expectedOffset = 0
  for (const entry of entries) {
    const header = await readAt(handle, entry.localHeaderOffset, LOCAL_HEADER_SIZE)
    if (header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) {
      throw corrupt()
    }
    const nameLength = header.readUInt16LE(26)
    const extraLength = header.readUInt16LE(28)
    const localName = await readAt(handle, entry.localHeaderOffset + LOCAL_HEADER_SIZE, nameLength)
    if (localName.toString(entry.flags & 0x800 ? 'utf8' : 'latin1') !== entry.name) {
      throw corrupt()
    }
    const gap = entry.localHeaderOffset - expectedOffset
    // Bit 3: sizes are in a data descriptor after the data (12 to 24 bytes, optional signature).
    const allowedGaps = expectedOffset === 0 ? [0] : [0, 12, 16, 20, 24]
    if (!allowedGaps.includes(gap)) {
      throw corrupt()
    }

    const dataStart = entry.localHeaderOffset + LOCAL_HEADER_SIZE + nameLength + extraLength
    if (entry.method === DEFLATED && entry.compressedSize > 0) {
      await inflatedSizeAtMost(path, dataStart, entry)
    }
    expectedOffset = dataStart + entry.compressedSize
  }
  const gap = directory.centralDirectoryOffset - expectedOffset
  if (![0, 12, 16, 20, 24].includes(gap)) {
    throw corrupt()
  }
}

async function inflatedSizeAtMost(path: string, start: number, entry: ZipEntry): Promise<void> {
  const source = createReadStream(path, { start, end: start + entry.compressedSize - 1 })
  const inflate = createInflateRaw()
  let produced = 0
  try {
    await new Promise<void>((resolve, reject) => {
      inflate.on('data', (chunk: Buffer) => {
        produced += chunk.length
        if (produced > entry.uncompressedSize) {
          reject(
            new SpreadsheetError(
              `fichier Excel refusé : « ${entry.name} » dépasse la taille qu’il déclare (archive piégée ?)`
            )
          )
        }
      })
      inflate.on('end', resolve)
      inflate.on('error', () => reject(corrupt()))
      source.on('error', reject)
      source.pipe(inflate)
    })
  } finally {
    source.destroy()
    inflate.destroy()
  }
}
