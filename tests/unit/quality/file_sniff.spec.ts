import { test } from '@japa/runner'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sniffFile } from '#support/file_sniff'
import { buildWorkbook } from '#support/spreadsheet/writer'

async function file(content: Buffer) {
  const dir = await mkdtemp(join(tmpdir(), 'socle-sniff-'))
  const path = join(dir, 'any-name.pdf')
  await writeFile(path, content)
  return path
}

/** A minimal stored (uncompressed) ZIP archive with the given entries. */
function zip(entries: Record<string, string>) {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text)
    const nameBytes = Buffer.from(name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(entries).length, 8)
  end.writeUInt16LE(Object.keys(entries).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

test.group('Evidence type by content', () => {
  test('recognises PDF, PNG, JPEG and UTF-8 text whatever the name', async ({ assert }) => {
    assert.equal((await sniffFile(await file(Buffer.from('%PDF-1.7\n'))))?.mime, 'application/pdf')
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])
    assert.equal((await sniffFile(await file(png)))?.mime, 'image/png')
    assert.equal(
      (await sniffFile(await file(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))))?.mime,
      'image/jpeg'
    )
    assert.equal(
      (await sniffFile(await file(Buffer.from('Compte rendu : 12 présents\n'))))?.mime,
      'text/plain'
    )
  })

  test('recognises xlsx, docx and odt from their archive entries', async ({ assert }) => {
    const xlsx = await buildWorkbook([
      { name: 'A', columns: [{ header: 'x', key: 'x', type: 'text' }], rows: [] },
    ])
    assert.equal(
      (await sniffFile(await file(xlsx)))?.mime,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
    const docx = zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' })
    assert.equal(
      (await sniffFile(await file(docx)))?.mime,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
    )
    const odt = zip({
      'mimetype': 'application/vnd.oasis.opendocument.text',
      'content.xml': '<x/>',
    })
    assert.equal(
      (await sniffFile(await file(odt)))?.mime,
      'application/vnd.oasis.opendocument.text'
    )
  })

  test('refuses executables, other archives and binary data', async ({ assert }) => {
    assert.isNull(await sniffFile(await file(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]))))
    assert.isNull(await sniffFile(await file(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01]))))
    assert.isNull(await sniffFile(await file(zip({ 'payload.exe': 'MZ' }))))
    assert.isNull(await sniffFile(await file(Buffer.from([0xc3, 0x28, 0x41]))))
    assert.isNull(await sniffFile(await file(Buffer.alloc(0))))
  })
})
