import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/core/user'
import hash from '@adonisjs/core/services/hash'
import { Argon } from '@adonisjs/core/hash/drivers/argon'
import {
  isolated,
  makeOrganisation,
  makeUser,
  tableCounts,
  TEST_PASSWORD,
  inspecting,
} from '#tests/helpers'

test.group('Login and sessions', (group) => {
  isolated(group)

  test('anonymous visitors are sent to the login page', async ({ client }) => {
    const response = await client.get('/').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('health answers without login and reports the database', async ({ client }) => {
    const response = await client.get('/health')
    response.assertStatus(200)
    response.assertBodyContains({ status: 'ok', database: { status: 'ok' } })
  })

  test('a user logs in with the right password and reaches the dashboard', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const response = await client
      .post('/login')
      .form({ email: user.email.toUpperCase(), password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/')
    const row = await db.from('users').where('id', user.id).first()
    assert.isNotNull(row.last_login_at)
  })

  test('board members land on their portal', async ({ client }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['board'])
    const response = await client.get('/').actingAs(user).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/gouvernance/portail')
  })

  test('a password hashed with older parameters is rehashed at login', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const weaker = new Argon({
      variant: 'id',
      iterations: 2,
      memory: 512,
      parallelism: 1,
      saltSize: 16,
      hashLength: 32,
    })
    const oldHash = await weaker.make(TEST_PASSWORD)
    await db.from('users').where('id', user.id).update({ password: oldHash })
    const response = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/')
    const row = await db.from('users').where('id', user.id).first()
    assert.notEqual(row.password, oldHash)
    assert.isFalse(hash.needsReHash(row.password))
    assert.isTrue(await hash.verify(row.password, TEST_PASSWORD))
  })

  test('a wrong password is refused with a French message', async ({ client }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const response = await client
      .post('/login')
      .form({ email: user.email, password: 'not the password!' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('error', 'Adresse e-mail ou mot de passe incorrect.')
  })

  test('a forged CSRF token is refused and changes nothing', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const before = await tableCounts(['users', 'audit_events'])
    const response = await client
      .post('/admin/utilisateurs')
      .form({
        _csrf: 'forged',
        fullName: 'Intrus',
        email: 'intrus@test.socle.fr',
        roles: ['admin'],
        password: 'long enough password',
      })
      .loginAs(admin)
      .redirects(0)
    assert.notEqual(response.status(), 200)
    assert.notEqual(response.header('location'), '/admin/utilisateurs')
    assert.deepEqual(await tableCounts(['users', 'audit_events']), before)
  })

  test('repeated wrong passwords are rate limited, and the right one is then refused too', async ({
    client,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['hr'])
    for (let i = 0; i < 5; i++) {
      await client
        .post('/login')
        .form({ email: user.email, password: `wrong ${i}` })
        .withCsrfToken()
    }
    const blocked = await client
      .post('/login')
      .header('referer', '/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    // A 303 the browser follows back to the form (see login_security.spec.ts for the backoff).
    blocked.assertStatus(303)
    blocked.assertHeader('location', '/login')
    blocked.assertFlashMessage(
      'error',
      'Trop de tentatives de connexion. Réessayez dans 1 seconde.'
    )
  })

  test('a deactivated user cannot log in', async ({ client }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'], { isActive: false })
    const response = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('error', 'Adresse e-mail ou mot de passe incorrect.')
  })

  test('deactivating a user ends their open session at the next request', async ({ client }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const open = await client.get('/').actingAs(user)
    open.assertStatus(200)
    await inspecting(() =>
      User.query().where('id', user.id).update({ is_active: false, session_version: 2 })
    )
    const after = await client
      .get('/')
      .loginAs(user)
      .withSession({ auth_session_version: 1, auth_logged_in_at: Date.now() })
      .redirects(0)
    after.assertStatus(302)
    after.assertHeader('location', '/login')
  })

  test('a session older than the absolute timeout ends', async ({ client }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const response = await client
      .get('/')
      .loginAs(user)
      .withSession({ auth_session_version: 1, auth_logged_in_at: Date.now() - 13 * 3600 * 1000 })
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('error', 'Votre session a expiré, veuillez vous reconnecter.')
  })

  test('pages behind login are not cached', async ({ client }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['quality'])
    const response = await client.get('/').actingAs(user)
    response.assertStatus(200)
    response.assertHeader('cache-control', 'no-store')
  })
})
