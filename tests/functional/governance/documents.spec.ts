import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { writeFile, mkdir, access } from 'node:fs/promises'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { loadRapport2023 } from '#database/seeders/demo'
import { DEMO_MEETING_TITLE, seedGovernance } from '#database/seeders/governance'
import { as, smallBoard } from '#tests/functional/governance/helpers'

test.group('Governance: documents and signed minutes', (group) => {
  isolated(group)

  test('documents are stored under storage/governance and served as downloads', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const board = await makeUser(organisation, ['board'])
    const { meeting } = await smallBoard(organisation)
    await mkdir(app.makePath('tmp'), { recursive: true })
    const path = app.makePath('tmp/convocation-test.pdf')
    await writeFile(path, '%PDF-1.4 convocation')

    const refused = await client
      .post(`/gouvernance/seances/${meeting.id}/documents`)
      .field('title', 'Convocation')
      .file('fichier', path)
      .withCsrfToken()
      .actingAs(board)
      .redirects(0)
    refused.assertStatus(403)

    const response = await client
      .post(`/gouvernance/seances/${meeting.id}/documents`)
      .field('title', 'Convocation')
      .file('fichier', path)
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    response.assertStatus(302)
    const document = await db
      .from('meeting_documents')
      .where('meeting_id', meeting.id)
      .firstOrFail()
    assert.notEqual(document.stored_name, 'convocation-test.pdf')
    await access(app.makePath(`storage/governance/${document.stored_name}`))

    const download = await client.get(`/gouvernance/documents/${document.id}`).actingAs(board)
    download.assertStatus(200)
    assert.include(download.header('content-disposition'), 'attachment')
    assert.include(download.header('content-disposition'), 'convocation-test.pdf')

    const signed = await client
      .post(`/gouvernance/seances/${meeting.id}/proces-verbal-signe`)
      .file('fichier', path)
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    signed.assertStatus(302)
    const closed = await db.from('meetings').where('id', meeting.id).firstOrFail()
    assert.equal(closed.status, 'closed')
    const pv = await client
      .get(`/gouvernance/seances/${meeting.id}/proces-verbal-signe`)
      .actingAs(board)
    pv.assertStatus(200)
    assert.include(pv.header('content-disposition'), 'attachment')
  })

  test('a document without a file is refused and changes nothing', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const { meeting } = await smallBoard(organisation)
    const before = await tableCounts(['meeting_documents'])
    const response = await client
      .post(`/gouvernance/seances/${meeting.id}/documents`)
      .field('title', 'Sans fichier')
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    response.assertStatus(303)
    assert.include(String(response.flashMessages().error), 'Choisissez un fichier')
    assert.deepEqual(await tableCounts(['meeting_documents']), before)
  })

  test('the demo board meeting and its minutes render', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const rapport = await loadRapport2023()
    await as(organisation, () =>
      db.transaction((trx) => seedGovernance(organisation, rapport, trx))
    )
    const user = await makeUser(organisation, ['board'])
    const meeting = await db
      .from('meetings')
      .where('organisation_id', organisation.id)
      .where('title', DEMO_MEETING_TITLE)
      .firstOrFail()
    const page = await client.get(`/gouvernance/seances/${meeting.id}`).actingAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('Quorum atteint')
    const minutes = await client
      .get(`/gouvernance/seances/${meeting.id}/proces-verbal`)
      .actingAs(user)
    minutes.assertStatus(200)
    minutes.assertTextIncludes('Renouvellement du mandat du commissaire aux comptes')
    minutes.assertTextIncludes('Pouvoirs : ')
    assert.lengthOf(minutes.text().match(/\) à Représentant·e/g) ?? [], 3)
    const composition = await client.get('/gouvernance?date=2024-06-13').actingAs(user)
    composition.assertTextIncludes('Total collège 1 : 11 siège(s) pourvu(s), 7 vacant(s)')
  })
})

test.group('Governance: a closed meeting is final', (group) => {
  isolated(group)

  test('after the signed minutes, attendance and resolutions are refused', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const { meeting } = await smallBoard(organisation)
    await db.from('meetings').where('id', meeting.id).update({ status: 'closed' })
    const [a] = await db.from('attendances').where('meeting_id', meeting.id).orderBy('id')
    const before = await tableCounts(['attendances', 'resolutions', 'audit_events'])
    const response = await client
      .post(`/gouvernance/seances/${meeting.id}/presences/${a.id}`)
      .form({ status: 'present' })
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    assert.include(String(response.flashMessages().error), 'La séance est close')
    const resolution = await client
      .post(`/gouvernance/seances/${meeting.id}/resolutions`)
      .form({ title: 'Trop tard', majority: 'simple', subjectKind: 'other' })
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    assert.include(String(resolution.flashMessages().error), 'La séance est close')
    assert.deepEqual(await tableCounts(['attendances', 'resolutions', 'audit_events']), before)
    assert.equal((await db.from('attendances').where('id', a.id).firstOrFail()).status, 'absent')
  })
})
