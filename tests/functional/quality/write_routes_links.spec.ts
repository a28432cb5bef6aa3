import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/core/organisation'
import type User from '#models/core/user'
import type { ApiClient } from '@japa/api-client'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { seedQualityDemo } from './helpers.js'

/**
 * Removing an evidence link (DELETE /qualite/liens/:id) had no functional test, and removing an
 * evidence file (DELETE /qualite/preuves/:id) only a refusal (issue #11).
 */

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'
)

const TABLES = ['evidence_links', 'audit_events']

async function linkOn(client: ApiClient, user: User, organisation: Organisation) {
  const { criteria } = await seedQualityDemo(organisation)
  const criterion = criteria[0]
  const created = await client
    .post(`/qualite/criteres/${criterion.id}/liens`)
    .form({ kind: 'bilan_social', reference: '2023', label: 'Bilan social 2023' })
    .withCsrfToken()
    .actingAs(user)
    .redirects(0)
  created.assertStatus(302)
  const link = await db
    .from('evidence_links')
    .where({ organisation_id: organisation.id, criterion_id: criterion.id })
    .firstOrFail()
  return { criterion, link }
}

test.group('Write routes | evidence links', (group) => {
  isolated(group)

  test('a quality user removes a link: it leaves the criterion page and the removal is audited', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const { criterion, link } = await linkOn(client, quality, organisation)
    const response = await client
      .delete(`/qualite/liens/${link.id}`)
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/qualite/criteres/${criterion.id}`)
    response.assertFlashMessage('success', 'Lien de preuve retiré.')
    assert.isNull(await db.from('evidence_links').where('id', link.id).first())
    const audit = await db
      .from('audit_events')
      .where({ organisation_id: organisation.id, action: 'delete' })
      .whereRaw('subject_id::text = ?', [String(link.id)])
      .first()
    assert.isNotNull(audit)
    const page = await client.get(`/qualite/criteres/${criterion.id}`).actingAs(quality)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'href="/rh/bilan-social?annee=2023"')
  })

  test('board may not remove a link, nor another organisation; the link stays', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const board = await makeUser(organisation, ['board'])
    const stranger = await makeUser(await makeOrganisation('Autre'), ['quality'])
    const { link } = await linkOn(client, quality, organisation)
    const before = await tableCounts(TABLES)
    const readOnly = await client
      .delete(`/qualite/liens/${link.id}`)
      .withCsrfToken()
      .actingAs(board)
      .redirects(0)
    readOnly.assertStatus(403)
    const foreign = await client
      .delete(`/qualite/liens/${link.id}`)
      .withCsrfToken()
      .actingAs(stranger)
      .redirects(0)
    foreign.assertStatus(404)
    assert.deepEqual(await tableCounts(TABLES), before)
    assert.isNotNull(await db.from('evidence_links').where('id', link.id).first())
  })
})

test.group('Write routes | evidence files', (group) => {
  isolated(group)

  test('a quality user removes an evidence file: row and stored file go; board and another organisation may not', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const board = await makeUser(organisation, ['board'])
    const stranger = await makeUser(await makeOrganisation('Autre'), ['quality'])
    const { criteria } = await seedQualityDemo(organisation)
    const criterion = criteria[0]
    const dir = await mkdtemp(join(tmpdir(), 'socle-quality-'))
    const path = join(dir, 'PV du CA 2023.pdf')
    await writeFile(path, PDF)
    const upload = await client
      .post(`/qualite/criteres/${criterion.id}/preuves`)
      .file('fichier', path)
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    upload.assertStatus(302)
    const row = await db.from('evidence_files').where('criterion_id', criterion.id).firstOrFail()
    const onDisk = app.makePath('storage/quality', row.stored_name)
    assert.isTrue(existsSync(onDisk))

    const tables = ['evidence_files', 'audit_events']
    const before = await tableCounts(tables)
    for (const [user, status] of [
      [board, 403],
      [stranger, 404],
    ] as const) {
      const refused = await client
        .delete(`/qualite/preuves/${row.id}`)
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)
      refused.assertStatus(status)
    }
    assert.deepEqual(await tableCounts(tables), before)
    assert.isTrue(existsSync(onDisk))

    const removed = await client
      .delete(`/qualite/preuves/${row.id}`)
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    removed.assertStatus(302)
    removed.assertHeader('location', `/qualite/criteres/${criterion.id}`)
    removed.assertFlashMessage('success', 'Pièce justificative supprimée.')
    assert.isNull(await db.from('evidence_files').where('id', row.id).first())
    assert.isFalse(existsSync(onDisk))
  })
})
