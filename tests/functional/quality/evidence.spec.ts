import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { seedQualityDemo, QUALITY_TABLES } from './helpers.js'

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'
)
// A Windows executable header ("MZ" + DOS stub), whatever its name says.
const EXE = Buffer.concat([
  Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
  Buffer.alloc(512, 0),
])

async function tempFile(name: string, content: Buffer) {
  const dir = await mkdtemp(join(tmpdir(), 'socle-quality-'))
  const path = join(dir, name)
  await writeFile(path, content)
  return path
}

test.group('Quality: evidence files', (group) => {
  isolated(group)

  test('a PDF is stored under a generated name and served only as a download', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const board = await makeUser(organisation, ['board'])
    const { criteria } = await seedQualityDemo(organisation)
    const criterion = criteria[0]
    const upload = await client
      .post(`/qualite/criteres/${criterion.id}/preuves`)
      .file('fichier', await tempFile('PV du CA 2023.pdf', PDF))
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    upload.assertStatus(302)
    upload.assertFlashMessage('success', 'Pièce justificative ajoutée.')

    const row = await db.from('evidence_files').where('criterion_id', criterion.id).firstOrFail()
    assert.equal(row.original_name, 'PV du CA 2023.pdf')
    assert.equal(row.mime, 'application/pdf')
    assert.match(row.stored_name, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    assert.equal(Number(row.size_bytes), PDF.length)
    assert.lengthOf(row.sha256, 64)
    assert.equal(row.uploaded_by, quality.id)
    const onDisk = app.makePath('storage/quality', row.stored_name)
    assert.isTrue(existsSync(onDisk))
    assert.isFalse(existsSync(app.makePath('storage/quality', 'PV du CA 2023.pdf')))
    assert.deepEqual(await readFile(onDisk), PDF)

    // Board members read: they download, as an attachment with a generic type.
    const download = await client.get(`/qualite/preuves/${row.id}`).actingAs(board)
    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/octet-stream')
    assert.match(
      download.header('content-disposition') ?? '',
      /^attachment; filename="PV du CA 2023\.pdf"/
    )
    assert.equal(download.header('x-content-type-options'), 'nosniff')

    await drive.use('quality').delete(row.stored_name)
  })

  test('an executable renamed .pdf is refused by its content, and nothing is stored', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const { criteria } = await seedQualityDemo(organisation)
    const before = await tableCounts(QUALITY_TABLES)
    const response = await client
      .post(`/qualite/criteres/${criteria[0].id}/preuves`)
      .file('fichier', await tempFile('rapport.pdf', EXE))
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    response.assertStatus(303)
    assert.match(
      String(response.flashMessages().error),
      /^Type de fichier refusé : son contenu ne correspond à aucun format accepté/
    )
    assert.deepEqual(await tableCounts(QUALITY_TABLES), before)
  })

  test('a file over the size limit is refused with its size, and nothing is stored', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const { criteria } = await seedQualityDemo(organisation)
    const big = Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024, 0x20)])
    const before = await tableCounts(QUALITY_TABLES)
    const response = await client
      .post(`/qualite/criteres/${criteria[0].id}/preuves`)
      .file('fichier', await tempFile('gros.pdf', big))
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    // Refused by the route's upload cap before the file is kept (a 303 refusal).
    response.assertStatus(303)
    assert.match(
      String(response.flashMessages().error),
      /^Le fichier est trop volumineux \(21 Mo\) : la taille maximale est de 20 Mo\./
    )
    assert.deepEqual(await tableCounts(QUALITY_TABLES), before)
  })

  test('a link to a Socle record is rendered from its kind and reference', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const { criteria } = await seedQualityDemo(organisation)
    const response = await client
      .post(`/qualite/criteres/${criteria[0].id}/liens`)
      .form({ kind: 'bilan_social', reference: '2023', label: 'Bilan social 2023' })
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    response.assertStatus(302)
    const page = await client.get(`/qualite/criteres/${criteria[0].id}`).actingAs(quality)
    page.assertTextIncludes('href="/rh/bilan-social?annee=2023"')
    const bad = await client
      .post(`/qualite/criteres/${criteria[0].id}/liens`)
      .form({ kind: 'url', reference: 'javascript:alert(1)' })
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    bad.assertFlashMessage(
      'error',
      'Référence invalide : un lien externe doit commencer par http:// ou https://.'
    )
    assert.equal(
      Number(
        (await db.from('evidence_links').where('criterion_id', criteria[0].id).count('* as c'))[0].c
      ),
      1
    )
  })
})
