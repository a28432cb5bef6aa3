import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import { isolated, makeOrganisation, makeUser, tableCounts, TEST_PASSWORD } from '#tests/helpers'
import { LOGIN_REQUIRED, SESSION_EXPIRED } from '#http/signed_in_marker'
import { EMAIL_TAKEN } from '#validators/core'
import { loginClock } from '#http/login_throttle'

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0'

/** The backoff's clock, stopped: time passes when the test says so, nobody waits. */
let frozenAt = new Date('2026-03-02T09:00:00Z').getTime()
const realClock = loginClock.now
function advance(seconds: number) {
  frozenAt += seconds * 1000
}

test.group('Login security: audit of failures and lockouts', (group) => {
  isolated(group)

  test('a failed login is an audit event of the account’s organisation, with IP, user agent and request id', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    await client
      .post('/login')
      .header('user-agent', BROWSER)
      .header('referer', '/login')
      .form({ email: user.email.toUpperCase(), password: 'not the password!' })
      .withCsrfToken()
      .redirects(0)
    const event = await db.from('audit_events').where('action', 'login_failed').firstOrFail()
    assert.equal(event.organisation_id, organisation.id)
    assert.equal(event.subject_type, 'users')
    assert.equal(event.subject_id, String(user.id))
    assert.equal(event.domain, 'core')
    assert.equal(event.ip, '127.0.0.1')
    assert.isNotNull(event.request_id)
    assert.equal(event.after.email, user.email)
    assert.equal(event.after.userId, user.id)
    assert.equal(event.after.userAgent, BROWSER)
    assert.equal(event.after.reason, 'mot de passe incorrect')
    assert.include(event.summary, 'Échec de connexion')
  })

  test('an attempt on an unknown address belongs to no organisation; a deactivated account says so', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const inactive = await makeUser(organisation, ['hr'], { isActive: false })
    await client
      .post('/login')
      .form({ email: 'personne@ailleurs.fr', password: 'whatever it is' })
      .withCsrfToken()
    await client
      .post('/login')
      .form({ email: inactive.email, password: TEST_PASSWORD })
      .withCsrfToken()
    const unknown = await db
      .from('audit_events')
      .where('action', 'login_failed')
      .whereRaw(`after->>'email' = ?`, ['personne@ailleurs.fr'])
      .firstOrFail()
    assert.isNull(unknown.organisation_id)
    assert.isNull(unknown.subject_id)
    assert.equal(unknown.after.reason, 'adresse inconnue')
    const deactivated = await db
      .from('audit_events')
      .where('action', 'login_failed')
      .where('subject_id', String(inactive.id))
      .firstOrFail()
    assert.equal(deactivated.organisation_id, organisation.id)
    assert.equal(deactivated.after.reason, 'compte désactivé')
  })

  test('the journal shows a failed login to its organisation’s admin only, never to another organisation', async ({
    client,
    assert,
  }) => {
    const organisationA = await makeOrganisation('A')
    const organisationB = await makeOrganisation('B')
    const adminA = await makeUser(organisationA, ['admin'])
    const adminB = await makeUser(organisationB, ['admin'])
    const target = await makeUser(organisationA, ['finance'], { email: 'cible-a@test.socle.fr' })
    await client
      .post('/login')
      .form({ email: target.email, password: 'not the password!' })
      .withCsrfToken()
    await client
      .post('/login')
      .form({ email: 'inconnu-x@test.socle.fr', password: 'not the password!' })
      .withCsrfToken()

    const seenByA = await client.get('/admin/journal?action=login_failed').actingAs(adminA)
    seenByA.assertStatus(200)
    assert.include(seenByA.text(), 'Échec de connexion (mot de passe incorrect) pour cible-a@')
    assert.notInclude(seenByA.text(), 'inconnu-x@test.socle.fr')

    const seenByB = await client.get('/admin/journal?action=login_failed').actingAs(adminB)
    seenByB.assertStatus(200)
    assert.notInclude(seenByB.text(), 'cible-a@test.socle.fr')
    assert.notInclude(seenByB.text(), 'inconnu-x@test.socle.fr')
  })
})

test.group('Login security: progressive backoff', (group) => {
  isolated(group)
  group.each.setup(() => {
    loginClock.now = () => new Date(frozenAt)
    return () => {
      loginClock.now = realClock
    }
  })

  test('failures from unknown browsers slow the account down 1 s, 2 s... without waiting in the test', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['hr'])
    const attempt = (password: string) =>
      client
        .post('/login')
        .header('referer', '/login')
        .form({ email: user.email, password })
        .withCsrfToken()
        .redirects(0)

    for (let i = 0; i < 5; i++) {
      const failed = await attempt(`wrong ${i}`)
      failed.assertFlashMessage('error', 'Adresse e-mail ou mot de passe incorrect.')
    }
    // Refused before the password is checked, even the right one; a 303 the browser follows.
    const early = await attempt(TEST_PASSWORD)
    early.assertStatus(303)
    early.assertHeader('location', '/login')
    early.assertHeader('retry-after', '1')
    early.assertFlashMessage('error', 'Trop de tentatives de connexion. Réessayez dans 1 seconde.')

    advance(1)
    ;(await attempt('wrong again')).assertFlashMessage(
      'error',
      'Adresse e-mail ou mot de passe incorrect.'
    )
    ;(await attempt(TEST_PASSWORD)).assertFlashMessage(
      'error',
      'Trop de tentatives de connexion. Réessayez dans 2 secondes.'
    )
    advance(1)
    ;(await attempt(TEST_PASSWORD)).assertFlashMessage(
      'error',
      'Trop de tentatives de connexion. Réessayez dans 1 seconde.'
    )

    advance(1)
    const success = await attempt(TEST_PASSWORD)
    success.assertStatus(302)
    success.assertHeader('location', '/')
    const left = await db.from('login_backoffs').where('account', user.email).first()
    assert.isNull(left, 'a successful login forgets the backoff')

    const locks = await db
      .from('audit_events')
      .where('action', 'login_locked')
      .where('subject_id', String(user.id))
      .orderBy('id')
    assert.deepEqual(
      locks.map((event) => [event.after.scope, event.after.retryAfterSeconds]),
      [
        ['account', 1],
        ['account', 2],
      ]
    )
    assert.equal(locks[0].organisation_id, organisation.id)
  })

  test('the delay doubles up to 15 minutes, never more', async ({ client }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['hr'])
    await db.table('login_backoffs').insert({
      account: user.email,
      failures: 40,
      last_failed_at: new Date(frozenAt),
    })
    const refused = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage(
      'error',
      'Trop de tentatives de connexion. Réessayez dans 15 minutes.'
    )
    advance(15 * 60 - 60)
    const almost = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    almost.assertFlashMessage('error', 'Trop de tentatives de connexion. Réessayez dans 1 minute.')
    advance(59)
    const last = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    last.assertFlashMessage('error', 'Trop de tentatives de connexion. Réessayez dans 1 seconde.')
    advance(1)
    const allowed = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    allowed.assertHeader('location', '/')
  })

  test('an attacker on unknown browsers does not lock out the owner’s known browser', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['hr'])
    const first = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    first.assertHeader('location', '/')
    const device = first.cookie('socle-device')?.value
    assert.deepEqual(device, [user.email])

    for (let i = 0; i < 8; i++) {
      await client
        .post('/login')
        .form({ email: user.email, password: `wrong ${i}` })
        .withCsrfToken()
    }
    const attacker = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    assert.include(String(attacker.flashMessages().error), 'Trop de tentatives de connexion.')

    const owner = await client
      .post('/login')
      .encryptedCookie('socle-device', device)
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    owner.assertHeader('location', '/')
    // The owner's success does not reset what the attacker earned.
    const row = await db.from('login_backoffs').where('account', user.email).firstOrFail()
    assert.isAtLeast(Number(row.failures), 5)
  })

  test('the known browser keeps its own allowance per account and IP', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['hr'])
    const fromKnown = (password: string) =>
      client
        .post('/login')
        .encryptedCookie('socle-device', [user.email])
        .form({ email: user.email, password })
        .withCsrfToken()
        .redirects(0)
    for (let i = 0; i < 5; i++) await fromKnown(`wrong ${i}`)
    const blocked = await fromKnown(TEST_PASSWORD)
    blocked.assertStatus(303)
    blocked.assertFlashMessage(
      'error',
      'Trop de tentatives de connexion. Réessayez dans 15 minutes.'
    )
    // Its failures are not the account's: another browser is not slowed down by them.
    assert.isNull(await db.from('login_backoffs').where('account', user.email).first())
    const lock = await db
      .from('audit_events')
      .where('action', 'login_locked')
      .where('subject_id', String(user.id))
      .firstOrFail()
    assert.equal(lock.after.scope, 'device')
  })

  test('a machine failing across many accounts is stopped per IP; that lockout belongs to no organisation', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['hr'])
    // 49 failures already counted from this IP (the test client's 127.0.0.1).
    await limiter
      .use({ requests: 50, duration: '15 mins' })
      .set('login-ip:127.0.0.1', 49, '15 mins')
    await client
      .post('/login')
      .form({ email: user.email, password: 'not the password!' })
      .withCsrfToken()
    const lock = await db.from('audit_events').where('action', 'login_locked').firstOrFail()
    assert.equal(lock.after.scope, 'ip')
    assert.isNull(lock.organisation_id)
    const refused = await client
      .post('/login')
      .form({ email: 'quelqu.un@ailleurs.fr', password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(303)
    refused.assertFlashMessage(
      'error',
      'Trop de tentatives de connexion. Réessayez dans 15 minutes.'
    )
  })

  test('the throttle message reaches the login page in French', async ({ client }) => {
    const page = await client.get('/login').withFlashMessages({
      error: 'Trop de tentatives de connexion. Réessayez dans 4 secondes.',
    })
    page.assertStatus(200)
    page.assertTextIncludes('Trop de tentatives de connexion. Réessayez dans 4 secondes.')
  })
})

test.group('Login security: French messages when the session is missing or expired', (group) => {
  isolated(group)

  test('an anonymous visitor is sent to the login page with a French message', async ({
    client,
  }) => {
    const response = await client.get('/admin/utilisateurs').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
    response.assertFlashMessage('error', LOGIN_REQUIRED)
  })

  test('after an idle timeout, posting a form ends on the login page saying the session expired', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const login = await client
      .post('/login')
      .form({ email: admin.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    login.assertHeader('location', '/')
    const marker = login.cookie('socle-signed-in')?.value
    assert.isTrue(marker)

    // The session is gone (idle timeout): the browser still holds the form and the marker.
    const before = await tableCounts(['users'])
    const posted = await client
      .post('/admin/utilisateurs')
      .cookie('socle-signed-in', marker)
      .header('referer', '/admin/utilisateurs/nouveau')
      .form({
        _csrf: 'token-of-the-expired-session',
        fullName: 'Trop Tard',
        email: 'trop-tard@test.socle.fr',
        roles: 'hr',
        password: 'une phrase de passe longue',
      })
      .redirects(0)
    // The handler's CSRF refusal: back to the form (303), which is behind login.
    posted.assertStatus(303)
    posted.assertHeader('location', '/admin/utilisateurs/nouveau')
    assert.deepEqual(await tableCounts(['users']), before)

    const form = await client
      .get('/admin/utilisateurs/nouveau')
      .cookie('socle-signed-in', marker)
      .redirects(0)
    form.assertStatus(302)
    form.assertHeader('location', '/login')
    form.assertFlashMessage('error', SESSION_EXPIRED)

    const page = await client.get('/login').withFlashMessages({ error: SESSION_EXPIRED })
    page.assertTextIncludes('Votre session a expiré')
  })

  test('logging out forgets the marker: the next visit asks to log in, not "expired"', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const out = await client
      .post('/logout')
      .actingAs(user)
      .cookie('socle-signed-in', true)
      .withCsrfToken()
      .redirects(0)
    out.assertHeader('location', '/login')
    assert.match(String(out.header('set-cookie')), /socle-signed-in=;/)
  })
})

test.group('Admin: e-mail unique across organisations', (group) => {
  isolated(group)

  test('creating or renaming a user to an address used in another organisation is refused in French', async ({
    client,
    assert,
  }) => {
    const organisationA = await makeOrganisation('A')
    const organisationB = await makeOrganisation('B')
    const admin = await makeUser(organisationA, ['admin'])
    const colleague = await makeUser(organisationA, ['hr'])
    await makeUser(organisationB, ['finance'], { email: 'deja.prise@ailleurs.fr' })
    const before = await tableCounts(['users', 'audit_events'])

    const created = await client
      .post('/admin/utilisateurs')
      .actingAs(admin)
      .withCsrfToken()
      .header('referer', '/admin/utilisateurs/nouveau')
      .form({
        fullName: 'Doublon',
        email: 'Deja.Prise@Ailleurs.FR',
        roles: 'hr',
        password: 'assez long pour passer',
      })
      .redirects(0)
    assert.notEqual(created.header('location'), '/admin/utilisateurs')
    const createErrors = created.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(createErrors.email, [EMAIL_TAKEN])

    const updated = await client
      .put(`/admin/utilisateurs/${colleague.id}`)
      .actingAs(admin)
      .withCsrfToken()
      .header('referer', `/admin/utilisateurs/${colleague.id}/modifier`)
      .form({
        fullName: colleague.fullName,
        email: 'DEJA.PRISE@ailleurs.fr',
        roles: 'hr',
        version: 1,
      })
      .redirects(0)
    const updateErrors = updated.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(updateErrors.email, [EMAIL_TAKEN])

    assert.deepEqual(await tableCounts(['users', 'audit_events']), before)
    const unchanged = await db.from('users').where('id', colleague.id).firstOrFail()
    assert.equal(unchanged.email, colleague.email)
    assert.equal(unchanged.version, 1)
  })

  test('the database refuses a second account with the same address in any case', async ({
    assert,
  }) => {
    const organisationA = await makeOrganisation('A')
    const organisationB = await makeOrganisation('B')
    await makeUser(organisationA, ['hr'], { email: 'unique@test.socle.fr' })
    await assert.rejects(() =>
      db.table('users').insert({
        organisation_id: organisationB.id,
        full_name: 'Autre',
        email: 'UNIQUE@test.socle.fr',
        password: 'x',
        roles: '{hr}',
      })
    )
  })
})
