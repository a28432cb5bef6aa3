import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { Assert } from '@japa/assert'
import { test } from '@japa/runner'
import { Decimal } from 'decimal.js'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { neutraliseFormula } from '../../../app/support/spreadsheet_safety.js'
import {
  buildWorkbook,
  streamWorkbook,
  writeCsv,
  type ColumnSpec,
  type Row,
} from '../../../app/support/spreadsheet/writer.js'
import { readAmount, readDate, readRows } from '../../../app/support/spreadsheet/reader.js'

const INJECTION = "=cmd|' /C calc'!A0"

const COLUMNS: ColumnSpec[] = [
  { header: 'Libellé', key: 'label', type: 'text', width: 30 },
  { header: 'Montant', key: 'amount', type: 'money' },
  { header: 'Quantité', key: 'quantity', type: 'integer' },
  { header: 'Coefficient', key: 'coefficient', type: 'number', decimals: 3 },
  { header: 'Taux', key: 'rate', type: 'percent' },
  { header: 'Date', key: 'date', type: 'date' },
]

const ROWS: Row[] = [
  {
    label: 'Café',
    amount: new Decimal('1234567.89'),
    quantity: 3,
    coefficient: new Decimal('1.125'),
    rate: new Decimal('0.125'),
    date: '2023-12-31',
  },
  {
    label: INJECTION,
    amount: '-0.01',
    quantity: new Decimal(1500),
    coefficient: 2,
    rate: 0.2,
    // 23:30 UTC is already 1 January in Paris.
    date: new Date(Date.UTC(2023, 11, 31, 23, 30)),
  },
  {
    label: 'Sur "deux"\nlignes; avec séparateur',
    amount: new Decimal('99999999999.99'),
    quantity: null,
    coefficient: undefined,
    rate: null,
    date: DateTime.fromISO('2024-03-31T00:30:00', { zone: 'Europe/Paris' }),
  },
]

let directory = ''

async function load(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
  return workbook.worksheets[0]
}

function checkSheet(assert: Assert, sheet: ExcelJS.Worksheet) {
  // Header: bold, frozen, filtered.
  assert.deepEqual(
    (sheet.getRow(1).values as unknown[]).slice(1),
    COLUMNS.map((column) => column.header)
  )
  assert.isTrue(sheet.getRow(1).getCell(1).font?.bold)
  assert.equal(sheet.views[0].state, 'frozen')
  assert.equal((sheet.views[0] as ExcelJS.WorksheetViewFrozen).ySplit, 1)
  assert.equal(sheet.autoFilter, 'A1:F4')
  assert.equal(sheet.getColumn(1).width, 30)

  const first = sheet.getRow(2)
  assert.strictEqual(first.getCell(2).value, 1234567.89)
  assert.equal(first.getCell(2).numFmt, '#,##0.00 "€"')
  assert.strictEqual(first.getCell(3).value, 3)
  assert.equal(first.getCell(3).numFmt, '#,##0')
  assert.strictEqual(first.getCell(4).value, 1.125)
  assert.equal(first.getCell(4).numFmt, '#,##0.000')
  assert.strictEqual(first.getCell(5).value, 0.125)
  assert.equal(first.getCell(5).numFmt, '0.0 %')
  assert.deepEqual(first.getCell(6).value, new Date(Date.UTC(2023, 11, 31)))
  assert.equal(first.getCell(6).numFmt, 'dd/mm/yyyy')

  const second = sheet.getRow(3)
  assert.equal(second.getCell(1).value, `'${INJECTION}`)
  assert.strictEqual(second.getCell(2).value, -0.01)
  assert.strictEqual(second.getCell(3).value, 1500)
  assert.deepEqual(second.getCell(6).value, new Date(Date.UTC(2024, 0, 1)))

  const third = sheet.getRow(4)
  assert.strictEqual(third.getCell(2).value, 99999999999.99)
  assert.isNull(third.getCell(3).value)
  assert.deepEqual(third.getCell(6).value, new Date(Date.UTC(2024, 2, 31)))
}

test.group('Spreadsheet safety', () => {
  test('neutralises {text}')
    .with([
      { text: INJECTION, expected: `'${INJECTION}` },
      { text: '+33 1 23 45 67 89', expected: "'+33 1 23 45 67 89" },
      { text: '-2+3', expected: "'-2+3" },
      { text: '@SUM(A1)', expected: "'@SUM(A1)" },
      { text: '\t=1+1', expected: "'\t=1+1" },
      { text: '\r=1+1', expected: "'\r=1+1" },
      { text: 'Café = bon', expected: 'Café = bon' },
      { text: '', expected: '' },
    ])
    .run(({ assert }, { text, expected }) => {
      assert.equal(neutraliseFormula(text), expected)
    })
})

test.group('Spreadsheet writer / xlsx', (group) => {
  group.each.setup(async () => {
    directory = await mkdtemp(join(tmpdir(), 'socle-writer-'))
    return () => rm(directory, { recursive: true, force: true })
  })

  test('builds a workbook in memory with typed cells', async ({ assert }) => {
    const buffer = await buildWorkbook([
      { name: 'Écritures', columns: COLUMNS, rows: ROWS },
      { name: 'Vide', columns: COLUMNS.slice(0, 2), rows: [] },
    ])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
    assert.deepEqual(
      workbook.worksheets.map((sheet) => sheet.name),
      ['Écritures', 'Vide']
    )
    checkSheet(assert, await load(buffer))
  })

  test('streams a workbook with the same result', async ({ assert }) => {
    const path = join(directory, 'export.xlsx')
    const output = createWriteStream(path)
    async function* rows() {
      yield* ROWS
    }
    await streamWorkbook(output, { name: 'Écritures', columns: COLUMNS }, rows())
    checkSheet(assert, await load(await readFile(path)))
  })

  test('is read back by the import reader to the same values', async ({ assert }) => {
    const path = join(directory, 'aller-retour.xlsx')
    await streamWorkbook(createWriteStream(path), { name: 'Écritures', columns: COLUMNS }, ROWS)
    const rows = []
    for await (const row of readRows(path, { kind: 'xlsx', maxRows: 10, maxColumns: 10 })) {
      rows.push(row)
    }
    assert.equal(readAmount(rows[1], 1)?.toString(), '1234567.89')
    assert.equal(readDate(rows[1], 5)?.toISODate(), '2023-12-31')
    assert.equal(readDate(rows[2], 5)?.toISODate(), '2024-01-01')
    assert.equal(readAmount(rows[3], 1)?.toString(), '99999999999.99')
  })

  test('refuses a value that does not fit its column', async ({ assert }) => {
    await assert.rejects(
      () => buildWorkbook([{ name: 'A', columns: COLUMNS, rows: [{ quantity: 1.5 }] }]),
      'Colonne « Quantité » : valeur non entière (1.5)'
    )
    await assert.rejects(
      () => buildWorkbook([{ name: 'A', columns: COLUMNS, rows: [{ amount: 'douze' }] }]),
      'montant invalide : « douze »'
    )
  })

  test('cuts the output when a row cannot be written', async ({ assert }) => {
    const output = new PassThrough()
    output.resume()
    await assert.rejects(
      () =>
        streamWorkbook(output, { name: 'A', columns: COLUMNS }, [
          { label: 'ok', amount: '1.00' },
          { label: 'ko', amount: 'douze' },
        ]),
      'montant invalide : « douze »'
    )
    assert.isTrue(output.destroyed)
  })

  test('streams 100 000 rows with bounded memory', async ({ assert }) => {
    const path = join(directory, 'gros.xlsx')
    const count = 100_000
    // Live memory, measured after a full garbage collection: what the writer keeps, not the
    // garbage it leaves, so the figure does not depend on the machine's load or GC timing.
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const live = () => {
      gc()
      const memory = process.memoryUsage()
      return memory.heapUsed + memory.arrayBuffers
    }
    const before = live()
    let peak = before
    async function* rows() {
      for (let index = 0; index < count; index++) {
        // Sampled as the writer pulls rows, not on a timer: the same points on any machine.
        if (index % 10_000 === 0) peak = Math.max(peak, live())
        yield {
          label: `Ligne ${index}`,
          amount: new Decimal(index).dividedBy(100),
          quantity: index,
          coefficient: 1,
          rate: 0.5,
          date: '2024-01-15',
        }
      }
    }
    await streamWorkbook(createWriteStream(path), { name: 'Gros', columns: COLUMNS }, rows())
    peak = Math.max(peak, live())
    // The same 100 000 rows built as an in-memory workbook keep several hundred MB alive.
    assert.isBelow(peak - before, 100 * 1024 * 1024)

    let last = 0
    for await (const row of readRows(path, { kind: 'xlsx', maxRows: count + 1, maxColumns: 6 })) {
      last = row.line
    }
    assert.equal(last, count + 1)
  }).timeout(120_000)

  test('waits for a slow output instead of buffering', async ({ assert }) => {
    let received = 0
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length
        // Slower than the writer, without a clock: each chunk is acknowledged a turn later.
        setImmediate(callback)
      },
    })
    function* rows() {
      for (let index = 0; index < 20_000; index++) {
        yield { label: `Ligne ${index} ${'x'.repeat(50)}`, amount: index, date: '2024-01-15' }
      }
    }
    await streamWorkbook(slow, { name: 'Lent', columns: COLUMNS }, rows())
    assert.isAbove(received, 0)
    assert.isTrue(slow.writableFinished)
  }).timeout(60_000)
})

test.group('Spreadsheet writer / CSV', (group) => {
  group.each.setup(async () => {
    directory = await mkdtemp(join(tmpdir(), 'socle-writer-'))
    return () => rm(directory, { recursive: true, force: true })
  })

  test('writes French CSV: BOM, semicolons, decimal comma, dd/mm/yyyy, quoting', async ({
    assert,
  }) => {
    const output = new PassThrough()
    const chunks: Buffer[] = []
    output.on('data', (chunk: Buffer) => chunks.push(chunk))
    await writeCsv(output, COLUMNS, ROWS)
    output.end()
    await finished(output)
    const bytes = Buffer.concat(chunks)
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    assert.equal(
      bytes.subarray(3).toString('utf8'),
      [
        'Libellé;Montant;Quantité;Coefficient;Taux;Date',
        'Café;1234567,89;3;1,125;12,5%;31/12/2023',
        `'=cmd|' /C calc'!A0;-0,01;1500;2,000;20,0%;01/01/2024`,
        '"Sur ""deux""\nlignes; avec séparateur";99999999999,99;;;;31/03/2024',
        '',
      ].join('\r\n')
    )
  })

  test('is read back by the import reader to the same values', async ({ assert }) => {
    const path = join(directory, 'export.csv')
    const output = createWriteStream(path)
    await writeCsv(output, COLUMNS, ROWS)
    output.end()
    await finished(output)

    const rows = []
    for await (const row of readRows(path, { kind: 'csv', maxRows: 10, maxColumns: 10 })) {
      rows.push(row)
    }
    assert.lengthOf(rows, 4)
    assert.equal(readAmount(rows[1], 1)?.toString(), '1234567.89')
    assert.equal(readDate(rows[2], 5)?.toISODate(), '2024-01-01')
    assert.equal(rows[3].cells[0]?.value, 'Sur "deux"\nlignes; avec séparateur')
    assert.equal(rows[3].line, 4)
  })
})
