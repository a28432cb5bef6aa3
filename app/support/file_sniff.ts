import { open } from 'node:fs/promises'
import { readZipDirectory } from '#support/spreadsheet/zip'

export interface SniffedType {
  mime: string
  label: string
}

const HEAD_BYTES = 64 * 1024

const startsWith = (buffer: Buffer, bytes: number[], offset = 0) =>
  buffer.length >= offset + bytes.length && bytes.every((byte, i) => buffer[offset + i] === byte)

const OPEN_DOCUMENT: Record<string, SniffedType> = {
  'application/vnd.oasis.opendocument.text': {
    mime: 'application/vnd.oasis.opendocument.text',
    label: 'document OpenDocument',
  },
  'application/vnd.oasis.opendocument.spreadsheet': {
    mime: 'application/vnd.oasis.opendocument.spreadsheet',
    label: 'classeur OpenDocument',
  },
}

// Tab, line feed, form feed, carriage return: the only control bytes plain text may hold.
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d])

function isUtf8Text(head: Buffer, complete: boolean) {
  for (const byte of head) {
    if ((byte < 0x20 && !TEXT_CONTROLS.has(byte)) || byte === 0x7f) return false
  }
  try {
    // A multi-byte character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete })
    return true
  } catch {
    return false
  }
}

/**
 * Type of a file judged by its content, never by its name or the browser's claim: PDF, PNG,
 * JPEG, Office Open XML (docx, xlsx), OpenDocument (odt, ods) or plain UTF-8 text.
 * Returns null for anything else (an executable renamed .pdf included).
 */
export async function sniffFile(path: string): Promise<SniffedType | null> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES))
    await handle.read(head, 0, head.length, 0)
    if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
      return { mime: 'application/pdf', label: 'document PDF' }
    }
    if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
      return { mime: 'image/png', label: 'image PNG' }
    }
    if (startsWith(head, [0xff, 0xd8, 0xff])) {
      return { mime: 'image/jpeg', label: 'image JPEG' }
    }
    if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
      // OpenDocument: an uncompressed "mimetype" entry first, holding the document type.
      if (head.toString('latin1', 30, 38) === 'mimetype') {
        const declared = head.toString('latin1', 38, 38 + 60)
        const match = Object.keys(OPEN_DOCUMENT).find((mime) => declared.startsWith(mime))
        if (match) return OPEN_DOCUMENT[match]
      }
      let names: Set<string>
      try {
        const directory = await readZipDirectory(handle, size)
        names = new Set(directory.entries.map((entry) => entry.name))
      } catch {
        return null
      }
      if (!names.has('[Content_Types].xml')) return null
      if (names.has('word/document.xml')) {
        return {
          mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          label: 'document Word',
        }
      }
      if (names.has('xl/workbook.xml')) {
        return {
          mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          label: 'classeur Excel',
        }
      }
      return null
    }
    if (size > 0 && isUtf8Text(head, size <= HEAD_BYTES)) {
      return { mime: 'text/plain', label: 'texte' }
    }
    return null
  } finally {
    await handle.close()
  }
}
