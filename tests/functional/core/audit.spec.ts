import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/core/user'
import AuditEvent from '#models/core/audit_event'
import { actingAs } from '#support/request_context'
import {
  isolated,
  makeOrganisation,
  makeUser,
  readWorkbook,
  tableCounts,
  inspecting,
} from '#tests/helpers'

test.group('Audit log', (group) => {
  isolated(group)

  test('creating and editing a user through the admin pages is audited with who, before and after', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    await client
      .post('/admin/utilisateurs')
      .actingAs(admin)
      .withCsrfToken()
      .form({
        fullName: 'Zoé Nouvelle',
        email: 'zoe@test.socle.fr',
        roles: ['hr'],
        password: 'une phrase de passe longue',
      })
    const created = await inspecting(() =>
      User.query().where('email', 'zoe@test.socle.fr').firstOrFail()
    )
    const creation = await inspecting(() =>
      AuditEvent.query()
        .where('subject_type', 'users')
        .where('subject_id', String(created.id))
        .where('action', 'create')
        .firstOrFail()
    )
    assert.equal(creation.userId, admin.id)
    assert.equal(creation.actor, admin.email)
    assert.equal(creation.domain, 'core')
    assert.equal(creation.after.email, 'zoe@test.socle.fr')
    assert.notProperty(creation.after, 'password')
    assert.isNotNull(creation.requestId)

    await client
      .put(`/admin/utilisateurs/${created.id}`)
      .actingAs(admin)
      .withCsrfToken()
      .form({
        fullName: 'Zoé Renommée',
        email: 'zoe@test.socle.fr',
        roles: ['hr', 'quality'],
        version: 1,
      })
    const update = await inspecting(() =>
      AuditEvent.query()
        .where('subject_type', 'users')
        .where('subject_id', String(created.id))
        .where('action', 'update')
        .firstOrFail()
    )
    assert.equal(update.before.fullName, 'Zoé Nouvelle')
    assert.equal(update.after.fullName, 'Zoé Renommée')
    assert.deepEqual(update.after.roles, ['hr', 'quality'])
  })

  test('a change rolled back leaves no audit event: both share the transaction', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const before = await tableCounts(['users', 'audit_events'])
    await assert.rejects(() =>
      actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
        db.transaction(async (trx) => {
          await User.create(
            {
              organisationId: organisation.id,
              fullName: 'Éphémère',
              email: 'tmp@test.socle.fr',
              password: 'x'.repeat(12),
              roles: ['hr'],
            },
            { client: trx }
          )
          throw new Error('annulé')
        })
      )
    )
    assert.deepEqual(await tableCounts(['users', 'audit_events']), before)
  })

  test('a stale edit is refused with a conflict message and changes nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const target = await makeUser(organisation, ['hr'])
    await inspecting(() => User.query().where('id', target.id).update({ version: 3 }))
    const response = await client
      .put(`/admin/utilisateurs/${target.id}`)
      .actingAs(admin)
      .withCsrfToken()
      .form({ fullName: 'Écrasement', email: target.email, roles: ['hr'], version: 2 })
      .redirects(0)
    response.assertStatus(303)
    await inspecting(() => target.refresh())
    assert.notEqual(target.fullName, 'Écrasement')
  })

  test('admins filter the journal and export it to Excel; other roles get 403', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const finance = await makeUser(organisation, ['finance'])
    const page = await client.get('/admin/journal?domain=core').actingAs(admin)
    page.assertStatus(200)
    assert.include(page.text(), finance.email)

    const file = await client.get('/admin/journal/export.xlsx?domain=core').actingAs(admin)
    file.assertStatus(200)
    const workbook = await readWorkbook(file)
    const sheet = workbook.worksheets[0]
    assert.equal(sheet.getRow(1).getCell(1).value, 'Date')
    assert.isAtLeast(sheet.rowCount, 3)

    const refused = await client.get('/admin/journal').actingAs(finance)
    refused.assertStatus(403)
  })
})
