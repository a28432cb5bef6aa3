import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import { ACTIVE_ORGANISATION } from '#middleware/tenant_middleware'
import { makeInstanceAdmin, newSiren, startOrganisation } from '#tests/fixtures/organisations'
import { isolated, makeUser, tableCounts } from '#tests/helpers'
import InstanceAdmin from '../../../commands/instance_admin.js'

const INSTANCE_ROUTES: Array<[method: 'GET' | 'POST' | 'DELETE', path: (id: number) => string]> = [
  ['GET', () => '/instance/organisations'],
  ['POST', () => '/instance/organisations'],
  ['POST', (id) => `/instance/organisations/${id}/desactivation`],
  ['DELETE', (id) => `/instance/organisations/${id}/desactivation`],
  ['POST', () => '/instance/reseaux'],
  ['DELETE', (id) => `/instance/reseaux/${id}`],
]

/**
 * The instance administrator (ADR 9): a flag on an account, not a role of an organisation. They
 * create, deactivate and reactivate organisations and link them to networks; an organisation's
 * admin manages only their own organisation.
 */
test.group('Instance administration', (group) => {
  isolated(group)

  test('an organisation admin gets 403 on every instance page and changes nothing', async ({
    client,
    assert,
  }) => {
    const { organisation } = await startOrganisation('Mission Locale Alpha')
    const admin = await makeUser(organisation, ['admin', 'direction', 'finance', 'hr'])
    const before = await tableCounts(['organisations', 'network_members', 'audit_events'])
    for (const [method, path] of INSTANCE_ROUTES) {
      const response = await client
        .request(path(organisation.id), method)
        .actingAs(admin)
        .withCsrfToken()
        .form({ name: 'X', siren: newSiren(), adminName: 'X X', adminEmail: 'x@test.socle.fr' })
        .redirects(0)
      assert.equal(response.status(), 403, `${method} ${path(organisation.id)}`)
    }
    const home = await client.get('/').actingAs(admin)
    assert.notInclude(home.text(), '/instance/organisations')
    assert.deepEqual(
      await tableCounts(['organisations', 'network_members', 'audit_events']),
      before
    )
  })

  test('the instance administrator lists and starts organisations; a duplicate SIREN is refused', async ({
    client,
    assert,
  }) => {
    const alpha = await startOrganisation('Mission Locale Alpha')
    const operator = await makeInstanceAdmin(await makeUser(alpha.organisation, ['finance']))

    const page = await client.get('/instance/organisations').actingAs(operator)
    page.assertStatus(200)
    assert.include(page.text(), 'Mission Locale Alpha')
    const home = await client.get('/').actingAs(operator)
    assert.include(home.text(), '/instance/organisations')

    const siren = newSiren()
    const created = await client
      .post('/instance/organisations')
      .actingAs(operator)
      .withCsrfToken()
      .form({
        name: 'Mission Locale Delta',
        siren,
        adminName: 'Dora Delta',
        adminEmail: 'Dora@Delta.example.org',
      })
      .redirects(0)
    created.assertStatus(200)
    assert.match(created.text(), /\/bienvenue\/[A-Za-z0-9_-]{43}/)
    const delta = await db.from('organisations').where('siren', siren).firstOrFail()
    assert.equal(delta.name, 'Mission Locale Delta')
    const deltaAdmin = await db.from('users').where('organisation_id', delta.id).firstOrFail()
    assert.equal(deltaAdmin.email, 'dora@delta.example.org')
    assert.deepEqual(deltaAdmin.roles, ['admin'])
    assert.isFalse(deltaAdmin.is_instance_admin)
    // The audit of the new organisation names the instance administrator.
    const event = await db
      .from('audit_events')
      .where({ organisation_id: delta.id, subject_type: 'organisations' })
      .firstOrFail()
    assert.include(event.actor, operator.email)

    const before = await tableCounts(['organisations', 'users'])
    const duplicate = await client
      .post('/instance/organisations')
      .actingAs(operator)
      .withCsrfToken()
      .form({ name: 'Doublon', siren, adminName: 'Dana Doublon', adminEmail: 'dana@x.example.org' })
      .redirects(0)
    duplicate.assertStatus(303)
    duplicate.assertFlashMessage('error', 'Une organisation avec ce SIREN existe déjà.')
    assert.deepEqual(await tableCounts(['organisations', 'users']), before)
  })

  test('deactivating an organisation shuts its members out; reactivating lets them in', async ({
    client,
    assert,
  }) => {
    const alpha = await startOrganisation('Mission Locale Alpha')
    const beta = await startOrganisation('Mission Locale Bêta')
    const operator = await makeInstanceAdmin(await makeUser(alpha.organisation, ['finance']))
    const member = await makeUser(beta.organisation, ['finance'])

    const deactivated = await client
      .post(`/instance/organisations/${beta.organisation.id}/desactivation`)
      .actingAs(operator)
      .withCsrfToken()
      .redirects(0)
    deactivated.assertStatus(302)
    const row = await db.from('organisations').where('id', beta.organisation.id).firstOrFail()
    assert.isFalse(row.is_active)
    assert.isNotNull(row.deactivated_at)
    const event = await db
      .from('audit_events')
      .where({ organisation_id: beta.organisation.id, action: 'deactivate' })
      .firstOrFail()
    assert.isNull(event.user_id)
    ;(await client.get('/').actingAs(member).redirects(0)).assertHeader('location', '/login')

    // Refusals: again, and the organisation the administrator acts for.
    const again = await client
      .post(`/instance/organisations/${beta.organisation.id}/desactivation`)
      .actingAs(operator)
      .withCsrfToken()
      .redirects(0)
    again.assertFlashMessage('error', 'L’organisation « Mission Locale Bêta » est déjà désactivée.')
    const own = await client
      .post(`/instance/organisations/${alpha.organisation.id}/desactivation`)
      .actingAs(operator)
      .withCsrfToken()
      .redirects(0)
    own.assertStatus(303)
    assert.isTrue(
      (await db.from('organisations').where('id', alpha.organisation.id).firstOrFail()).is_active
    )
    ;(
      await client
        .post('/instance/organisations/999999/desactivation')
        .actingAs(operator)
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(404)

    const reactivated = await client
      .delete(`/instance/organisations/${beta.organisation.id}/desactivation`)
      .actingAs(operator)
      .withCsrfToken()
      .redirects(0)
    reactivated.assertStatus(302)
    ;(await client.get('/').actingAs(member).redirects(0)).assertStatus(200)
    const active = await client
      .delete(`/instance/organisations/${beta.organisation.id}/desactivation`)
      .actingAs(operator)
      .withCsrfToken()
      .redirects(0)
    active.assertFlashMessage('error', 'L’organisation « Mission Locale Bêta » est déjà active.')
  })

  test('the flag works whatever organisation the administrator acts for', async ({ client }) => {
    const alpha = await startOrganisation('Mission Locale Alpha')
    const beta = await startOrganisation('Mission Locale Bêta')
    const operator = await makeInstanceAdmin(await makeUser(alpha.organisation, ['finance']))
    await db.table('memberships').insert({
      organisation_id: beta.organisation.id,
      user_id: operator.id,
      roles: ['board'],
    })
    const page = await client
      .get('/instance/organisations')
      .actingAs(operator)
      .withSession({ [ACTIVE_ORGANISATION]: beta.organisation.id })
    page.assertStatus(200)
  })

  test('linking an organisation to a network, and taking it out', async ({ client, assert }) => {
    const network = await startOrganisation('Association régionale')
    const member = await startOrganisation('Mission Locale Alpha')
    const operator = await makeInstanceAdmin(await makeUser(network.organisation, ['network']))

    const linked = await client
      .post('/instance/reseaux')
      .actingAs(operator)
      .withCsrfToken()
      .form({
        memberOrganisationId: member.organisation.id,
        networkOrganisationId: network.organisation.id,
      })
      .redirects(0)
    linked.assertStatus(302)
    const link = await db
      .from('network_members')
      .where({
        organisation_id: member.organisation.id,
        network_organisation_id: network.organisation.id,
      })
      .firstOrFail()
    assert.isNull(link.sharing_agreed_at)

    const before = await tableCounts(['network_members', 'audit_events'])
    for (const [form, message] of [
      [
        {
          memberOrganisationId: member.organisation.id,
          networkOrganisationId: member.organisation.id,
        },
        'Une organisation ne peut pas être membre de son propre réseau.',
      ],
      [
        {
          memberOrganisationId: member.organisation.id,
          networkOrganisationId: network.organisation.id,
        },
        'Mission Locale Alpha est déjà membre du réseau Association régionale.',
      ],
    ] as const) {
      const refused = await client
        .post('/instance/reseaux')
        .actingAs(operator)
        .withCsrfToken()
        .form(form)
        .redirects(0)
      refused.assertStatus(303)
      refused.assertFlashMessage('error', message)
    }
    assert.deepEqual(await tableCounts(['network_members', 'audit_events']), before)

    const page = await client.get('/instance/organisations').actingAs(operator)
    assert.include(page.text(), 'En attente de son accord')

    const unlinked = await client
      .delete(`/instance/reseaux/${link.id}`)
      .actingAs(operator)
      .withCsrfToken()
      .redirects(0)
    unlinked.assertStatus(302)
    assert.notExists(await db.from('network_members').where('id', link.id).first())
    ;(
      await client
        .delete(`/instance/reseaux/${link.id}`)
        .actingAs(operator)
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(404)
  })

  test('node ace instance:admin gives and takes the flag; an unknown address is refused', async ({
    assert,
  }) => {
    const alpha = await startOrganisation('Mission Locale Alpha')
    ace.ui.switchMode('raw')
    const run = async (...argv: string[]) => {
      const command = await ace.create(InstanceAdmin, argv)
      await command.exec()
      return command.exitCode ?? 0
    }
    assert.equal(await run(alpha.admin.email.toUpperCase()), 0)
    assert.isTrue(
      (await db.from('users').where('id', alpha.admin.id).firstOrFail()).is_instance_admin
    )
    assert.equal(await run(alpha.admin.email, '--revoke'), 0)
    assert.isFalse(
      (await db.from('users').where('id', alpha.admin.id).firstOrFail()).is_instance_admin
    )
    assert.equal(await run('personne@nulle-part.fr'), 1)
  })
})
