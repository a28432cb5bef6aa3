import { test } from '@japa/runner'
import { PassThrough } from 'node:stream'
import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/core/organisation'
import { isolated, makeOrganisation, tenantOf } from '#tests/helpers'
import { setupLedger, validatedEntry } from '#tests/fixtures/accounting'
import { entryRows, fecText, writeFecFile, type FecRow } from '#tests/fixtures/fec'
import { importFec } from '#imports/accounting/fec/index'
import { FEC_COLUMNS, COL } from '#imports/accounting/fec/format'
import { encodeLatin9, toLatin9, writeFec } from '#exports/accounting/fec_export'
import { fecLines, LedgerLines } from '#reports/accounting/ledger_lines'

/** The FEC's lines of a fiscal year, as the download builds them. */
async function fecLinesOf(organisationId: number, fiscalYearId: number) {
  const report = new LedgerLines(tenantOf({ id: organisationId }), fecLines(fiscalYearId))
  return (await report.build()).lines
}

async function exportFec(
  organisationId: number,
  fiscalYearId: number,
  encoding: 'iso-8859-15' | 'utf-8' = 'iso-8859-15'
) {
  const output = new PassThrough()
  const chunks: Buffer[] = []
  output.on('data', (chunk) => chunks.push(chunk))
  const { lines } = await writeFec(output, await fecLinesOf(organisationId, fiscalYearId), encoding)
  return { bytes: Buffer.concat(chunks), lines }
}

/** Data lines of an export, split into their 18 fields. */
function fields(bytes: Buffer, encoding: 'iso-8859-15' | 'utf-8' = 'iso-8859-15') {
  const text = new TextDecoder(encoding).decode(bytes)
  const lines = text.split('\r\n')
  assertEmptyTail(lines)
  return lines.slice(1, -1).map((line) => line.split('\t'))
}

function assertEmptyTail(lines: string[]) {
  if (lines.at(-1) !== '') throw new Error('the FEC must end with CRLF')
}

test.group('FEC export', (group) => {
  isolated(group)
  let organisation: Organisation
  let ledger: Awaited<ReturnType<typeof setupLedger>>

  group.each.setup(async () => {
    organisation = await makeOrganisation('FEC export')
    ledger = await setupLedger(organisation, [2024])
  })

  const importInto = async (
    target: Organisation,
    fiscalYearId: number,
    data: string | Buffer,
    encoding: 'utf-8' | 'iso-8859-15' = 'utf-8'
  ) => {
    const result = await importFec(await writeFecFile(data, encoding), {
      organisationId: target.id,
      userId: null,
      fiscalYearId,
    })
    if (result.status !== 'committed') throw new Error(JSON.stringify(result.errors))
    return result
  }

  test('PieceDate is filled on every line: the piece date, else the entry date', async ({
    assert,
  }) => {
    // An entry keyed on screen, as in the demo: no piece date.
    await validatedEntry(organisation, ledger.journal.AC, '2024-03-15')
    const rows: FecRow[] = [
      ...entryRows('50', '20240105', '10,00').map((row) => ({ ...row, PieceDate: '20240102' })),
      ...entryRows('51', '20240106', '12,00').map((row) => ({ ...row, PieceDate: '' })),
    ]
    await importInto(organisation, ledger.fiscalYears[2024], fecText(rows))

    const { bytes, lines } = await exportFec(organisation.id, ledger.fiscalYears[2024])
    const data = fields(bytes)
    assert.equal(lines, 6)
    assert.lengthOf(data, 6)
    assert.equal(FEC_COLUMNS[COL.pieceDate], 'PieceDate')
    for (const line of data) {
      assert.lengthOf(line, 18)
      assert.match(line[COL.pieceDate], /^\d{8}$/, line.join('|'))
    }
    const pieceDates = Object.fromEntries(
      data.map((line) => [line[COL.ecritureNum], [line[COL.ecritureDate], line[COL.pieceDate]]])
    )
    assert.deepEqual(pieceDates['50'], ['20240105', '20240102'])
    assert.deepEqual(pieceDates['51'], ['20240106', '20240106'])
    const keyed = data.filter((line) => !['50', '51'].includes(line[COL.ecritureNum]))
    assert.lengthOf(keyed, 2)
    for (const line of keyed) assert.deepEqual(line[COL.pieceDate], '20240315')
  })

  test('transliterates what ISO-8859-15 lacks, never as "?"', async ({ assert }) => {
    assert.equal(
      toLatin9('l’été « déjà » – œuvre € Ÿ Š š Ž ž Œ'),
      "l'été « déjà » - œuvre € Ÿ Š š Ž ž Œ"
    )
    assert.equal(toLatin9('‘a’ “b” ‚c‘ „d“ ‹e› …'), `'a' "b" 'c' "d" <e> ...`)
    assert.equal(toLatin9('— † ‡ • ™ ‰ ½ ¼ ¾ ´ ¨ ¸'), `- + + · TM 0/00 1/2 1/4 3/4 ' " ,`)
    assert.equal(toLatin9('1\u202f000\u2009€'), '1\u00a0000 €')
    assert.equal(toLatin9('Łódź Đặng Şahin ﬁn ı\u200b'), 'Lódz Dang Sahin fin i')
    assert.equal(toLatin9('Иван 😀'), '____ _')
    // ASCII, Latin-1 letters and the eight Latin-9 additions come through unchanged.
    const kept = 'AZaz09 àâäçéèêëîïôöùûüÿÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ ß æ Æ ø « » ° § €ŠšŽžŒœŸ\u00a0'
    assert.equal(toLatin9(kept), kept)
    assert.deepEqual(
      [...encodeLatin9('€ŠšŽžŒœŸ')],
      [0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe]
    )
    const odd = '’‘“”–—…‚„†•™‰\u202f¤¦😀Иван\u2028'
    assert.notInclude([...encodeLatin9(odd)], 0x3f)
    assert.equal(new TextDecoder('iso-8859-15').decode(encodeLatin9('Noël ’24 €')), "Noël '24 €")
  })

  test('labels round-trip through export and import, in ISO-8859-15 and in UTF-8', async ({
    assert,
  }) => {
    const labels = [
      ['Réparation de l’œuvre – 5 € « urgent »', "Réparation de l'œuvre - 5 € « urgent »"],
      ['Note “Ÿves” … çà ŠšŽž Œ', 'Note "Ÿves" ... çà ŠšŽž Œ'],
      ['‚Atelier„ † • ™ ‰ — fin', `'Atelier" + · TM 0/00 - fin`],
      ['Loyer 1\u202f000 € Łódź ½', 'Loyer 1\u00a0000 € Lódz 1/2'],
    ]
    const aux = ['Société d’Études', "Société d'Études"]
    const rows: FecRow[] = []
    labels.forEach(([label], index) => {
      rows.push(
        ...entryRows(String(index + 1), '20240210', `${index + 1}0,00`).map((row) => ({
          ...row,
          EcritureLib: label,
          ...(row.CompAuxNum ? { CompAuxLib: aux[0] } : {}),
        }))
      )
    })
    await importInto(organisation, ledger.fiscalYears[2024], fecText(rows))

    const linesOf = async (organisationId: number) =>
      db
        .from('entry_lines')
        .join('entries', 'entries.id', 'entry_lines.entry_id')
        .where('entry_lines.organisation_id', organisationId)
        .orderBy('entries.chain_position')
        .orderBy('entry_lines.line_no')
        .select('entries.number', 'entries.label as entry_label', 'entry_lines.label')
        .select('entry_lines.aux_label')

    // ISO-8859-15 (the default): transliterated where Latin-9 lacks the character.
    const latin9 = await exportFec(organisation.id, ledger.fiscalYears[2024])
    assert.notInclude([...latin9.bytes], 0x3f, 'no "?" in the export')
    const isoOrg = await makeOrganisation('Reprise ISO')
    const isoLedger = await setupLedger(isoOrg, [2024])
    const isoImport = await importInto(isoOrg, isoLedger.fiscalYears[2024], latin9.bytes)
    assert.equal(isoImport.encoding, 'iso-8859-15')
    const isoLines = await linesOf(isoOrg.id)
    assert.lengthOf(isoLines, 8)
    for (const line of isoLines) {
      const expected = labels[Number(line.number) - 1][1]
      assert.equal(line.label, expected)
      assert.equal(line.entry_label, expected)
      if (line.aux_label !== null) assert.equal(line.aux_label, aux[1])
    }
    assert.equal(isoLines.filter((line) => line.aux_label !== null).length, 4)

    // UTF-8: every character as it was.
    const utf8 = await exportFec(organisation.id, ledger.fiscalYears[2024], 'utf-8')
    const utfOrg = await makeOrganisation('Reprise UTF-8')
    const utfLedger = await setupLedger(utfOrg, [2024])
    const utfImport = await importInto(utfOrg, utfLedger.fiscalYears[2024], utf8.bytes)
    assert.equal(utfImport.encoding, 'utf-8')
    const utfLines = await linesOf(utfOrg.id)
    assert.deepEqual(
      utfLines.map((line) => [line.label, line.aux_label]),
      (await linesOf(organisation.id)).map((line) => [line.label, line.aux_label])
    )
    assert.equal(utfLines[0].label, labels[0][0])
    assert.equal(utfLines[1].aux_label, aux[0])
  })

  test('streams in chunks with back-pressure and stops when the reader goes away', async ({
    assert,
  }) => {
    const rows: FecRow[] = []
    for (let n = 1; n <= 1500; n++) rows.push(...entryRows(String(n), '20240301', '1,00'))
    await importInto(organisation, ledger.fiscalYears[2024], fecText(rows))

    // A whole export arrives in several chunks, none of them the whole file.
    const whole = new PassThrough({ highWaterMark: 1024 })
    const sizes: number[] = []
    whole.on('data', (chunk: Buffer) => sizes.push(chunk.length))
    const { lines } = await writeFec(
      whole,
      await fecLinesOf(organisation.id, ledger.fiscalYears[2024])
    )
    assert.equal(lines, 3000)
    assert.isAbove(sizes.length, 1)
    const total = sizes.reduce((a, b) => a + b, 0)
    assert.isBelow(Math.max(...sizes), total)

    // The client disconnects after the first chunk: the export fails instead of waiting forever.
    const gone = new PassThrough({ highWaterMark: 1024 })
    gone.once('data', () => gone.destroy())
    await assert.rejects(
      async () => writeFec(gone, await fecLinesOf(organisation.id, ledger.fiscalYears[2024])),
      /output closed/
    )
  })
})
