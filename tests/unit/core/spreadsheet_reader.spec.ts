import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import { mkdtemp, open, rm, truncate, writeFile } from 'node:fs/promises'
import { createHook } from 'node:async_hooks'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateRawSync } from 'node:zlib'
import {
  SpreadsheetError,
  inspectUpload,
  readAmount,
  readDate,
  readRows,
  readText,
  type ReadRowsOptions,
  type SheetRow,
} from '../../../app/support/spreadsheet/reader.js'

const MB = 1024 * 1024
const LIMITS = { maxBytes: 20 * MB }

let directory = ''

/**
 * File-system requests (callback and promise styles) started while tracking; `settled()`
 * resolves once every one of them has completed, turn by turn, without a timer.
 */
function trackFileRequests() {
  const pending = new Set<number>()
  const hook = createHook({
    init(id, type) {
      if (type === 'FSREQCALLBACK' || type === 'FSREQPROMISE') pending.add(id)
    },
    destroy(id) {
      pending.delete(id)
    },
  }).enable()
  return {
    async settled() {
      while (pending.size > 0) await new Promise((resolve) => setImmediate(resolve))
      await new Promise((resolve) => setImmediate(resolve))
    },
    stop() {
      hook.disable()
    },
  }
}

type Read = (...args: unknown[]) => Promise<{ bytesRead: number }>

/**
 * Bytes read through `node:fs/promises` file handles (the way inspectUpload reads) while
 * `work` runs. A count of bytes, not a stopwatch: the same answer on an idle or a loaded machine.
 */
async function bytesReadDuring(work: () => Promise<unknown>) {
  const probe = await open(directory, 'r')
  const prototype = Object.getPrototypeOf(probe) as { read: Read }
  await probe.close()
  const original = prototype.read
  let total = 0
  prototype.read = async function (this: unknown, ...args: unknown[]) {
    const result = await original.apply(this, args)
    total += result.bytesRead
    return result
  }
  try {
    await work()
  } finally {
    prototype.read = original
  }
  return total
}

async function fixture(name: string, content: string | Buffer): Promise<string> {
  const path = join(directory, name)
  await writeFile(path, content)
  return path
}

async function collect(
  path: string,
  options: Partial<ReadRowsOptions> & Pick<ReadRowsOptions, 'kind'>
): Promise<SheetRow[]> {
  const rows: SheetRow[] = []
  for await (const row of readRows(path, { maxRows: 1000, maxColumns: 50, ...options })) {
    rows.push(row)
  }
  return rows
}

/** Plain values of the rows, for compact assertions. */
function values(rows: SheetRow[]): Array<Array<string | boolean | null>> {
  return rows.map((row) => row.cells.map((cell) => (cell === null ? null : cell.value)))
}

async function rejection(promise: Promise<unknown>): Promise<SpreadsheetError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof SpreadsheetError) {
      return error
    }
    throw error
  }
  throw new Error('expected a SpreadsheetError')
}

interface ZipEntrySpec {
  name: string
  data?: Buffer
  /** Uncompressed size written in the headers, whatever the data really is. */
  declaredSize?: number
}

/**
 * Writes a ZIP archive byte by byte (local headers, central directory, end record) with
 * whatever sizes the test wants to declare.
 */
function craftZip(entries: ZipEntrySpec[]): Buffer {
  const parts: Buffer[] = []
  const directoryParts: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name)
    const data = entry.data ?? Buffer.alloc(0)
    const declared = entry.declaredSize ?? 0

    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(declared, 22)
    local.writeUInt16LE(name.length, 26)
    parts.push(local, name, data)

    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(declared, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    directoryParts.push(central, name)

    offset += local.length + name.length + data.length
  }
  const centralDirectory = Buffer.concat(directoryParts)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(centralDirectory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, centralDirectory, end])
}

const WORKBOOK_ENTRIES: ZipEntrySpec[] = [
  { name: '[Content_Types].xml', data: deflateRawSync('<Types/>'), declaredSize: 8 },
  { name: 'xl/workbook.xml', data: deflateRawSync('<workbook/>'), declaredSize: 11 },
]

async function excelFixture(name: string): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  const hidden = workbook.addWorksheet('Brouillon', { state: 'hidden' })
  hidden.addRow(['ne doit pas être lu'])

  const sheet = workbook.addWorksheet('Écritures')
  sheet.addRow(['Date', 'Libellé', 'Montant', 'Double', 'Échéance', 'Flottant', 'Notes'])
  const second = sheet.addRow([
    new Date(Date.UTC(2023, 11, 31)),
    'Café',
    '1 234,56',
    { formula: 'C3*2', result: 24.68 },
    { formula: 'A2+30', result: 45321 },
    0.1 + 0.2,
    { richText: [{ text: 'Gras ', font: { bold: true } }, { text: 'et normal' }] },
  ])
  second.getCell(1).numFmt = 'dd/mm/yyyy'
  second.getCell(5).numFmt = 'dd/mm/yyyy'
  sheet.addRow([
    new Date(Date.UTC(2024, 1, 29)),
    '=cmd',
    12.34,
    { formula: '1/0', result: { error: '#DIV/0!' } },
  ])
  sheet.addRow([])
  sheet.getCell('A6').value = 'après une ligne vide'
  sheet.getCell('C6').value = -1234567.5

  const other = workbook.addWorksheet('Autre')
  other.addRow(['seconde feuille'])

  const path = join(directory, name)
  await workbook.xlsx.writeFile(path)
  return path
}

test.group('Spreadsheet reader / inspectUpload', (group) => {
  group.each.setup(async () => {
    directory = await mkdtemp(join(tmpdir(), 'socle-reader-'))
    return () => rm(directory, { recursive: true, force: true })
  })

  test('recognises an xlsx workbook and a CSV file', async ({ assert }) => {
    const xlsx = await excelFixture('classeur.xlsx')
    const csv = await fixture('donnees.csv', 'Nom;Montant\nA;1\n')
    assert.deepEqual(await inspectUpload(xlsx, LIMITS), { kind: 'xlsx' })
    assert.deepEqual(await inspectUpload(csv, LIMITS), { kind: 'csv' })
  })

  test('refuses an oversized file from its size alone', async ({ assert }) => {
    const path = join(directory, 'enorme.csv')
    await writeFile(path, '')
    // Sparse file: 1 GB on paper, nothing on disk.
    await truncate(path, 1024 * MB)
    let error = new Error('not refused')
    const read = await bytesReadDuring(async () => {
      error = await rejection(inspectUpload(path, { maxBytes: 10 * MB }))
    })
    assert.equal(read, 0)
    assert.equal(error.message, 'fichier trop volumineux (1024 Mo, maximum 10 Mo)')
  })

  test('refuses a {label} renamed .xlsx')
    .with([
      { label: 'PDF', bytes: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), message: '(document PDF)' },
      {
        label: 'PNG',
        bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
        message: '(image PNG)',
      },
      {
        label: 'JPEG',
        bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
        message: '(image JPEG)',
      },
      {
        label: 'binary file',
        bytes: Buffer.from([0x01, 0x02, 0x00, 0x03]),
        message: '(fichier binaire)',
      },
    ])
    .run(async ({ assert }, { bytes, message }) => {
      const path = await fixture('faux.xlsx', bytes)
      const error = await rejection(inspectUpload(path, LIMITS))
      assert.include(
        error.message,
        'ce fichier n’est ni un classeur Excel (.xlsx) ni un fichier CSV'
      )
      assert.include(error.message, message)
    })

  test('refuses an old .xls file with a specific message', async ({ assert }) => {
    const ole2 = Buffer.alloc(512)
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole2)
    const path = await fixture('ancien.xls', ole2)
    const error = await rejection(inspectUpload(path, LIMITS))
    assert.include(error.message, 'ancien format .xls non pris en charge, enregistrez en .xlsx')
  })

  test('refuses UTF-16 text and empty files', async ({ assert }) => {
    const utf16 = await fixture('unicode.txt', Buffer.from('\uFEFFNom\tMontant', 'utf16le'))
    const utf16Error = await rejection(inspectUpload(utf16, LIMITS))
    assert.include(utf16Error.message, 'UTF-16')
    const empty = await fixture('vide.csv', '')
    const emptyError = await rejection(inspectUpload(empty, LIMITS))
    assert.equal(emptyError.message, 'le fichier est vide')
  })

  test('refuses a zip that is not a workbook', async ({ assert }) => {
    const docx = await fixture(
      'document.xlsx',
      craftZip([
        { name: '[Content_Types].xml', data: deflateRawSync('<Types/>'), declaredSize: 8 },
        { name: 'word/document.xml', data: deflateRawSync('<w/>'), declaredSize: 4 },
      ])
    )
    const error = await rejection(inspectUpload(docx, LIMITS))
    assert.equal(error.message, 'ce fichier n’est pas un classeur Excel')

    const ods = await fixture(
      'tableur.xlsx',
      craftZip([
        { name: 'mimetype', data: Buffer.from('x'), declaredSize: 1 },
        { name: 'content.xml', data: Buffer.from('x'), declaredSize: 1 },
      ])
    )
    const odsError = await rejection(inspectUpload(ods, LIMITS))
    assert.include(odsError.message, '.ods')
  })

  test('refuses a zip bomb declaring a huge compression ratio, without decompressing', async ({
    assert,
  }) => {
    const path = await fixture(
      'bombe.xlsx',
      craftZip([
        ...WORKBOOK_ENTRIES,
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1000), declaredSize: 150 * MB },
      ])
    )
    let error = new Error('not refused')
    const read = await bytesReadDuring(async () => {
      error = await rejection(inspectUpload(path, LIMITS))
    })
    // The local headers and the central directory, never an inflated entry.
    assert.isBelow(read, 256 * 1024)
    assert.include(error.message, 'taux de compression anormal pour « xl/worksheets/sheet1.xml »')
  })

  test('refuses a zip declaring more than 200 MB once uncompressed', async ({ assert }) => {
    const entries: ZipEntrySpec[] = [...WORKBOOK_ENTRIES]
    for (let index = 1; index <= 3; index++) {
      // 90 MB each from 1 MB: a plausible ratio, but 270 MB in all.
      entries.push({
        name: `xl/worksheets/sheet${index}.xml`,
        data: Buffer.alloc(MB),
        declaredSize: 90 * MB,
      })
    }
    const path = await fixture('volumineux.xlsx', craftZip(entries))
    let error = new Error('not refused')
    const read = await bytesReadDuring(async () => {
      error = await rejection(inspectUpload(path, LIMITS))
    })
    // 3 MB of entries in the file: judged from its central directory, without reading them.
    assert.isBelow(read, 256 * 1024)
    assert.include(error.message, 'contenu décompressé trop volumineux (plus de 200 Mo)')
  })

  test('refuses a zip with too many entries', async ({ assert }) => {
    const entries: ZipEntrySpec[] = [...WORKBOOK_ENTRIES]
    for (let index = 0; index < 10_000; index++) {
      entries.push({ name: `xl/media/image${index}.png` })
    }
    const path = await fixture('nombreux.xlsx', craftZip(entries))
    const error = await rejection(inspectUpload(path, LIMITS))
    assert.include(error.message, 'l’archive contient 10002 fichiers (maximum 10000)')
  })

  test('refuses, when reading, an entry that inflates beyond its declared size', async ({
    assert,
  }) => {
    // Headers claim 1 000 bytes, the data inflates to 50 MB: invisible to inspectUpload.
    const path = await fixture(
      'menteur.xlsx',
      craftZip([
        ...WORKBOOK_ENTRIES,
        {
          name: 'xl/sharedStrings.xml',
          data: deflateRawSync(Buffer.alloc(50 * MB)),
          declaredSize: 1000,
        },
      ])
    )
    assert.deepEqual(await inspectUpload(path, LIMITS), { kind: 'xlsx' })
    const error = await rejection(collect(path, { kind: 'xlsx' }))
    assert.include(error.message, '« xl/sharedStrings.xml » dépasse la taille qu’il déclare')
  })

  test('answers from the first bytes only', async ({ assert }) => {
    // A CSV whose end is binary is accepted by inspectUpload: it never reads that far.
    const path = await fixture('long.csv', 'Nom;Montant\n'.repeat(1000))
    const handle = await open(path, 'a')
    await handle.truncate(200 * MB)
    await handle.close()
    const read = await bytesReadDuring(async () => {
      assert.deepEqual(await inspectUpload(path, { maxBytes: 300 * MB }), { kind: 'csv' })
    })
    assert.isAtMost(read, 8192)
  })
})

test.group('Spreadsheet reader / CSV', (group) => {
  group.each.setup(async () => {
    directory = await mkdtemp(join(tmpdir(), 'socle-reader-'))
    return () => rm(directory, { recursive: true, force: true })
  })

  test('reads UTF-8 with semicolons', async ({ assert }) => {
    const path = await fixture('utf8.csv', 'Libellé;Montant\nCafé crème;1 234,56 €\nThé;12\n')
    const rows = await collect(path, { kind: 'csv' })
    assert.deepEqual(values(rows), [
      ['Libellé', 'Montant'],
      ['Café crème', '1 234,56 €'],
      ['Thé', '12'],
    ])
    assert.deepEqual(
      rows.map((row) => row.line),
      [1, 2, 3]
    )
  })

  test('reads UTF-8 with BOM, commas, CRLF and RFC 4180 quoting', async ({ assert }) => {
    const content =
      '\uFEFFLibellé,Montant,Note\r\n' +
      '"Dupont, Jean","1 234,56","Il a dit ""bonjour"""\r\n' +
      '"Sur deux\r\nlignes",12,\r\n' +
      '\r\n' +
      'Fin,"",x\r\n'
    const rows = await collect(await fixture('bom.csv', content), { kind: 'csv' })
    assert.deepEqual(values(rows), [
      ['Libellé', 'Montant', 'Note'],
      ['Dupont, Jean', '1 234,56', 'Il a dit "bonjour"'],
      ['Sur deux\nlignes', '12'],
      ['Fin', null, 'x'],
    ])
    assert.deepEqual(
      rows.map((row) => row.line),
      [1, 2, 3, 6]
    )
  })

  test('reads Windows-1252', async ({ assert }) => {
    const bytes = Buffer.concat([
      Buffer.from('Libell'),
      Buffer.from([0xe9]),
      Buffer.from(';Montant\r\nCaf'),
      Buffer.from([0xe9]),
      Buffer.from(' cr'),
      Buffer.from([0xe8]),
      Buffer.from('me;12,50 '),
      Buffer.from([0x80]),
      Buffer.from('\r\n'),
    ])
    const rows = await collect(await fixture('ansi.csv', bytes), { kind: 'csv' })
    assert.deepEqual(values(rows), [
      ['Libellé', 'Montant'],
      ['Café crème', '12,50 €'],
    ])
  })

  test('detects tab delimiters and the sep= hint', async ({ assert }) => {
    const tabs = await collect(await fixture('tabs.csv', 'A\tB\tC;D\n1\t2\t3;4\n'), {
      kind: 'csv',
    })
    assert.deepEqual(values(tabs), [
      ['A', 'B', 'C;D'],
      ['1', '2', '3;4'],
    ])
    const hinted = await collect(await fixture('sep.csv', 'sep=,\nA;B,C\n1;2,3\n'), { kind: 'csv' })
    assert.deepEqual(values(hinted), [
      ['A;B', 'C'],
      ['1;2', '3'],
    ])
    assert.equal(hinted[0].line, 2)
  })

  test('refuses a line that is not in the encoding of the file, naming the line', async ({
    assert,
  }) => {
    const bytes = Buffer.concat([
      Buffer.from('Libellé;Montant\nCafé;12\n'),
      Buffer.from([0x54, 0x68, 0xe9, 0x3b, 0x31, 0x0a]), // "Thé;1" in Windows-1252
    ])
    const error = await rejection(collect(await fixture('mixte.csv', bytes), { kind: 'csv' }))
    assert.equal(error.message, 'encodage du fichier non reconnu (ligne 3)')
    assert.equal(error.line, 3)
  })

  test('refuses bytes undefined in Windows-1252', async ({ assert }) => {
    const bytes = Buffer.concat([
      Buffer.from('Nom;Montant\nA;1\nB;2\n'),
      Buffer.from([0x43, 0xe9, 0x81, 0x3b, 0x33, 0x0a]),
    ])
    const error = await rejection(collect(await fixture('casse.csv', bytes), { kind: 'csv' }))
    assert.equal(error.message, 'encodage du fichier non reconnu (ligne 4)')
  })

  test('refuses an unclosed quote, naming the line where the field starts', async ({ assert }) => {
    const path = await fixture('guillemet.csv', 'Nom;Note\nA;"ouvert\nB;2\n')
    const error = await rejection(collect(path, { kind: 'csv' }))
    assert.equal(error.message, 'guillemet non fermé (ligne 2)')
  })

  test('stops once maxRows is exceeded', async ({ assert }) => {
    const lines = ['Nom;Montant']
    for (let index = 1; index <= 20; index++) {
      lines.push(`Ligne ${index};${index},00`)
    }
    const path = await fixture('long.csv', lines.join('\n'))
    const seen: number[] = []
    const error = await rejection(
      (async () => {
        for await (const row of readRows(path, { kind: 'csv', maxRows: 5, maxColumns: 10 })) {
          seen.push(row.line)
        }
      })()
    )
    assert.equal(error.message, 'le fichier dépasse la limite de 5 lignes (ligne 6)')
    assert.deepEqual(seen, [1, 2, 3, 4, 5])
  })

  test('stops once maxColumns is exceeded', async ({ assert }) => {
    const path = await fixture('large.csv', 'A;B;C\n1;2;3;4;5\n')
    const error = await rejection(collect(path, { kind: 'csv', maxColumns: 3 }))
    assert.equal(error.message, 'trop de colonnes : 5 (maximum 3) (ligne 2)')
    // Trailing empty fields do not count.
    const padded = await fixture('vides.csv', 'A;B;C;;;\n1;2;3;;;;;\n')
    assert.lengthOf(await collect(padded, { kind: 'csv', maxColumns: 3 }), 2)
  })

  test('converts cells with French error messages naming line and column', async ({ assert }) => {
    const path = await fixture(
      'valeurs.csv',
      'Date;Montant\n31/12/2023;1 234,56\n31/02/2023;1,2,3\n'
    )
    const [, valid, invalid] = await collect(path, { kind: 'csv' })
    assert.equal(readDate(valid, 0)?.toISODate(), '2023-12-31')
    assert.equal(readAmount(valid, 1)?.toString(), '1234.56')
    assert.isNull(readText(valid, 5))
    assert.throws(
      () => readAmount(invalid, 1),
      'montant invalide : « 1,2,3 » (plusieurs virgules) (ligne 3, colonne B)'
    )
    assert.throws(
      () => readDate(invalid, 0),
      'date invalide : « 31/02/2023 » (jour inexistant) (ligne 3, colonne A)'
    )
  })
})

test.group('Spreadsheet reader / xlsx', (group) => {
  group.each.setup(async () => {
    directory = await mkdtemp(join(tmpdir(), 'socle-reader-'))
    return () => rm(directory, { recursive: true, force: true })
  })

  test('reads the first visible sheet with normalised cells', async ({ assert }) => {
    const rows = await collect(await excelFixture('classeur.xlsx'), { kind: 'xlsx' })
    assert.deepEqual(
      rows.map((row) => row.line),
      [1, 2, 3, 6]
    )
    assert.deepEqual(rows[1].cells, [
      { kind: 'date', value: '2023-12-31', fromFormula: false },
      { kind: 'text', value: 'Café', fromFormula: false },
      { kind: 'text', value: '1 234,56', fromFormula: false },
      { kind: 'number', value: '24.68', fromFormula: true },
      { kind: 'date', value: '2024-01-30', fromFormula: true },
      { kind: 'number', value: '0.3', fromFormula: false },
      { kind: 'text', value: 'Gras et normal', fromFormula: false },
    ])
    assert.deepEqual(rows[2].cells, [
      { kind: 'date', value: '2024-02-29', fromFormula: false },
      { kind: 'text', value: '=cmd', fromFormula: false },
      { kind: 'number', value: '12.34', fromFormula: false },
      // ExcelJS's streaming reader drops the cached #DIV/0!.
      { kind: 'error', value: '', fromFormula: true },
    ])
    assert.deepEqual(values([rows[3]]), [['après une ligne vide', null, '-1234567.5']])
  })

  test('converts xlsx cells through the same helpers', async ({ assert }) => {
    const rows = await collect(await excelFixture('classeur.xlsx'), { kind: 'xlsx' })
    assert.equal(readDate(rows[1], 0)?.toISODate(), '2023-12-31')
    assert.equal(readAmount(rows[1], 2)?.toString(), '1234.56')
    assert.equal(readAmount(rows[1], 3)?.toString(), '24.68')
    assert.equal(readText(rows[1], 0), '31/12/2023')
    assert.throws(
      () => readAmount(rows[2], 3),
      'formule sans résultat utilisable (erreur de calcul ou fichier enregistré sans les résultats) (ligne 3, colonne D)'
    )
    assert.throws(() => readAmount(rows[1], 0), 'un montant est attendu (ligne 2, colonne A')
  })

  test('reads a sheet by name', async ({ assert }) => {
    const path = await excelFixture('classeur.xlsx')
    assert.deepEqual(values(await collect(path, { kind: 'xlsx', sheetName: 'autre' })), [
      ['seconde feuille'],
    ])
    const error = await rejection(collect(path, { kind: 'xlsx', sheetName: 'Inconnue' }))
    assert.equal(error.message, 'onglet « Inconnue » introuvable dans le classeur')
  })

  test('stops once maxRows is exceeded', async ({ assert }) => {
    const error = await rejection(
      collect(await excelFixture('classeur.xlsx'), { kind: 'xlsx', maxRows: 2 })
    )
    assert.equal(error.message, 'le fichier dépasse la limite de 2 lignes (ligne 3)')
  })

  test('refuses a corrupt workbook', async ({ assert }) => {
    const path = await fixture(
      'corrompu.xlsx',
      craftZip([
        ...WORKBOOK_ENTRIES,
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('pas du deflate'), declaredSize: 14 },
      ])
    )
    const error = await rejection(collect(path, { kind: 'xlsx' }))
    assert.include(error.message, 'fichier Excel corrompu')
  })
})

test.group('Spreadsheet reader / workbooks with several sheets', () => {
  test('reads the first sheet of a template-like workbook; the skipped sheet leaves no stray error', async ({
    assert,
  }) => {
    const errors: unknown[] = []
    const spy = (error: unknown) => errors.push(error)
    process.on('uncaughtException', spy)
    try {
      const folder = await mkdtemp(join(tmpdir(), 'socle-sheets-'))
      const path = join(folder, 'modele.xlsx')
      const workbook = new ExcelJS.Workbook()
      workbook.addWorksheet('Données').addRows([
        ['Code', 'Montant'],
        ['A1', 12.5],
      ])
      // Like the import templates: a second sheet documents the columns. Sheets stored before
      // the shared strings go through ExcelJS temporary files.
      const notes = workbook.addWorksheet('Colonnes')
      for (let i = 0; i < 2000; i++) notes.addRow([`colonne ${i}`, `description ${i}`])
      await workbook.xlsx.writeFile(path)
      const io = trackFileRequests()
      try {
        for (let round = 0; round < 5; round++) {
          const rows = await collect(path, { kind: 'xlsx' })
          assert.deepEqual(values(rows), [
            ['Code', 'Montant'],
            ['A1', '12.5'],
          ])
        }
        // Every file operation the reads started (ExcelJS's temporary files) has completed:
        // a stray error would have been raised by now. No fixed delay.
        await io.settled()
      } finally {
        io.stop()
      }
      await rm(folder, { recursive: true, force: true })
      assert.deepEqual(errors, [])
    } finally {
      process.off('uncaughtException', spy)
    }
  })
})
