import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import type { ApiClient } from '@japa/api-client'
import User from '#models/core/user'
import { inspecting, isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { assertRefused } from '#tests/support/refusals'

/**
 * A password an admin sets (issue #13) is the user's to replace: until they do, every page
 * leads to the password page.
 */

const ADMIN_CHOSEN = 'mot de passe donne par admin'
const OWN = 'ma propre phrase secrete'

function login(client: ApiClient, email: string, password: string) {
  return client.post('/login').form({ email, password }).withCsrfToken().redirects(0)
}

async function stored(id: number) {
  return db
    .from('users')
    .where('id', id)
    .select('password', 'must_change_password', 'session_version')
    .firstOrFail()
}

test.group('People | forced password change', (group) => {
  isolated(group)

  test('a user created with a password chosen by an admin must replace it before anything else', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const created = await client
      .post('/admin/utilisateurs')
      .form({
        fullName: 'Nina Nouvelle',
        email: 'nina@example.org',
        roles: 'finance',
        password: ADMIN_CHOSEN,
      })
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    created.assertHeader('location', '/admin/utilisateurs')
    const nina = await db.from('users').where('email', 'nina@example.org').firstOrFail()
    assert.isTrue(nina.must_change_password)

    const loggedIn = await login(client, 'nina@example.org', ADMIN_CHOSEN)
    loggedIn.assertHeader('location', '/')
    const session = loggedIn.session()
    // Every page leads to the password page, writes included; that page shows why.
    for (const [method, url] of [
      ['get', '/'],
      ['get', '/admin/journal'],
      ['get', '/admin/utilisateurs'],
      ['post', '/mot-de-passe-oublie'],
    ] as const) {
      const response = await client[method](url).withSession(session).withCsrfToken().redirects(0)
      assert.equal(response.status(), 302, `${method} ${url}`)
      assert.equal(
        response.header('location'),
        method === 'post' ? '/' : '/compte/mot-de-passe',
        `${method} ${url}`
      )
    }
    const page = await client.get('/compte/mot-de-passe').withSession(session).redirects(0)
    page.assertStatus(200)
    page.assertTextIncludes('Votre mot de passe a été choisi par un administrateur')

    // Keeping the admin's password is refused and changes nothing.
    const before = await tableCounts(['users', 'audit_events'])
    const same = await client
      .put('/compte/mot-de-passe')
      .form({
        currentPassword: ADMIN_CHOSEN,
        password: ADMIN_CHOSEN,
        passwordConfirmation: ADMIN_CHOSEN,
      })
      .withSession(session)
      .withCsrfToken()
      .redirects(0)
    assertRefused(assert, same, 'Choisissez un nouveau mot de passe, différent de l’actuel.')
    assert.deepEqual(await stored(nina.id), {
      password: nina.password,
      must_change_password: true,
      session_version: nina.session_version,
    })
    assert.deepEqual(await tableCounts(['users', 'audit_events']), before)

    const changed = await client
      .put('/compte/mot-de-passe')
      .form({ currentPassword: ADMIN_CHOSEN, password: OWN, passwordConfirmation: OWN })
      .withSession(session)
      .withCsrfToken()
      .redirects(0)
    changed.assertHeader('location', '/')
    const after = await stored(nina.id)
    assert.isFalse(after.must_change_password)
    assert.isTrue(await hash.verify(after.password, OWN))
    const home = await client.get('/').withSession(changed.session()).redirects(0)
    home.assertStatus(200)
  })

  test('an admin setting a new password forces the change again; editing without one does not', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const user = await makeUser(organisation, ['hr'])
    const edit = (form: Record<string, unknown>) =>
      client
        .put(`/admin/utilisateurs/${user.id}`)
        .form({ fullName: user.fullName, email: user.email, roles: 'hr', ...form })
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)

    ;(await edit({ fullName: 'Nom corrigé' })).assertHeader('location', '/admin/utilisateurs')
    assert.isFalse((await stored(user.id)).must_change_password)
    ;(await edit({ password: ADMIN_CHOSEN })).assertHeader('location', '/admin/utilisateurs')
    assert.isTrue((await stored(user.id)).must_change_password)

    const reloaded = await inspecting(() => User.findOrFail(user.id))
    const home = await client.get('/').actingAs(reloaded).redirects(0)
    home.assertHeader('location', '/compte/mot-de-passe')
    // Logging out is always possible.
    const logout = await client.post('/logout').actingAs(reloaded).withCsrfToken().redirects(0)
    logout.assertHeader('location', '/login')
  })
})
