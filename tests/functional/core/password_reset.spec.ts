import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import { RESET_REQUESTED } from '#actions/core/request_password_reset'
import {
  inspecting,
  isolated,
  makeOrganisation,
  makeUser,
  tableCounts,
  TEST_PASSWORD,
} from '#tests/helpers'
import { assertFieldError } from '#tests/support/refusals'
import { clearMailbox, linkIn, mailbox, mailsTo } from '#tests/support/mailbox'
import { RESET_REQUESTS_PER_ACCOUNT } from '#http/password_reset_throttle'

/**
 * "Mot de passe oublié ?" (issue #13): one answer for every address, a link valid one hour
 * e-mailed to active accounts only, used once, and every session of the account ends.
 */

const TABLES = ['users', 'one_time_links', 'audit_events']
const NEW_PASSWORD = 'ma nouvelle phrase de passe'

function requestReset(client: ApiClient, email: string) {
  return client
    .post('/mot-de-passe-oublie')
    .header('referer', '/mot-de-passe-oublie')
    .form({ email })
    .withCsrfToken()
    .redirects(0)
}

function choosePassword(client: ApiClient, path: string, password = NEW_PASSWORD) {
  return client
    .post(path)
    .header('referer', path)
    .form({ password, passwordConfirmation: password })
    .withCsrfToken()
    .redirects(0)
}

function login(client: ApiClient, email: string, password: string) {
  return client.post('/login').form({ email, password }).withCsrfToken().redirects(0)
}

async function credentials(id: number) {
  return inspecting(() =>
    db
      .from('users')
      .where('id', id)
      .select('password', 'session_version', 'must_change_password')
      .firstOrFail()
  )
}

test.group('People | password reset', (group) => {
  isolated(group)
  group.each.setup(() => clearMailbox())
  group.teardown(() => clearMailbox())

  test('the login page links to the form; an unknown address gets the same answer and nothing is sent', async ({
    client,
    assert,
  }) => {
    const loginPage = await client.get('/login')
    assert.include(loginPage.text(), 'href="/mot-de-passe-oublie"')
    loginPage.assertTextIncludes('Mot de passe oublié ?')
    const form = await client.get('/mot-de-passe-oublie')
    form.assertStatus(200)
    form.assertTextIncludes('Recevoir un lien')

    const organisation = await makeOrganisation()
    const known = await makeUser(organisation, ['hr'])
    const inactive = await makeUser(organisation, ['hr'], { isActive: false })
    const before = await tableCounts(TABLES)

    const answers = []
    for (const email of ['personne@nulle-part.example', inactive.email]) {
      const response = await requestReset(client, email)
      response.assertStatus(302)
      response.assertHeader('location', '/mot-de-passe-oublie')
      answers.push(response.flashMessages())
    }
    assert.deepEqual(await tableCounts(TABLES), before)
    assert.lengthOf(await mailbox(), 0)

    // The same answer as for an active account, which does get a message.
    const sent = await requestReset(client, known.email.toUpperCase())
    sent.assertHeader('location', '/mot-de-passe-oublie')
    answers.push(sent.flashMessages())
    for (const flash of answers) assert.deepEqual(flash, { success: RESET_REQUESTED })
    assert.lengthOf(await mailsTo(known.email), 1)
    assert.lengthOf(await mailbox(), 1)
  })

  test('the reset link works once, for one hour, and ends every session of the account', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const stored = await credentials(user.id)

    // A session open elsewhere before the reset.
    const elsewhere = await client.get('/').actingAs(user).redirects(0)
    elsewhere.assertStatus(200)

    await requestReset(client, user.email)
    const [mail] = await mailsTo(user.email)
    assert.equal(mail.subject, 'Réinitialisation de votre mot de passe Socle')
    assert.include(mail.text, 'valable 1 heure')
    const path = linkIn(mail, '/mot-de-passe-oublie/')
    const link = await db.from('one_time_links').where('user_id', user.id).firstOrFail()
    assert.equal(link.purpose, 'reset')
    const lifetime = DateTime.fromJSDate(link.expires_at).diff(
      DateTime.fromJSDate(link.created_at),
      'minutes'
    ).minutes
    assert.equal(Math.round(lifetime), 60)
    assert.isTrue(
      await db
        .from('audit_events')
        .where('action', 'password_reset_requested')
        .where('subject_id', String(user.id))
        .first()
        .then(Boolean)
    )
    // A reset token opens nothing on the welcome page: each page takes its own links.
    const elsewhereKind = await client.get(path.replace('/mot-de-passe-oublie/', '/bienvenue/'))
    elsewhereKind.assertStatus(404)

    const page = await client.get(path)
    page.assertStatus(200)
    page.assertTextIncludes(user.email)

    // A mismatched confirmation is refused and leaves the link usable.
    const mismatch = await client
      .post(path)
      .header('referer', path)
      .form({ password: NEW_PASSWORD, passwordConfirmation: `${NEW_PASSWORD}!` })
      .withCsrfToken()
      .redirects(0)
    assertFieldError(assert, mismatch, 'passwordConfirmation')
    assert.deepEqual(await credentials(user.id), stored)

    const chosen = await choosePassword(client, path)
    chosen.assertStatus(302)
    chosen.assertHeader('location', '/login')
    chosen.assertFlashMessage(
      'success',
      'Votre nouveau mot de passe est enregistré et vos autres sessions sont fermées. Connectez-vous.'
    )
    const after = await credentials(user.id)
    assert.isTrue(await hash.verify(after.password, NEW_PASSWORD))
    assert.equal(after.session_version, stored.session_version + 1)
    assert.isTrue(
      await db
        .from('audit_events')
        .where('action', 'password_reset')
        .where('subject_id', String(user.id))
        .first()
        .then(Boolean)
    )

    // The session opened before the reset has ended.
    const stale = await client.get('/').actingAs(user).redirects(0)
    stale.assertStatus(302)
    stale.assertHeader('location', '/login')

    // The old password no longer opens the account; the new one does.
    const old = await login(client, user.email, TEST_PASSWORD)
    old.assertFlashMessage('error', 'Adresse e-mail ou mot de passe incorrect.')
    const fresh = await login(client, user.email, NEW_PASSWORD)
    fresh.assertHeader('location', '/')

    // Used once: a second post is refused and changes nothing.
    const before = await tableCounts(TABLES)
    const again = await choosePassword(client, path, 'encore un autre mot de passe')
    again.assertStatus(410)
    again.assertTextIncludes('déjà servi')
    assert.deepEqual(await credentials(user.id), after)
    assert.deepEqual(await tableCounts(TABLES), before)
  })

  test('an expired, replaced or unknown reset link is refused and changes nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['quality'])
    const stored = await credentials(user.id)
    await requestReset(client, user.email)
    await requestReset(client, user.email)
    const [first, second] = (await mailsTo(user.email)).map((mail) =>
      linkIn(mail, '/mot-de-passe-oublie/')
    )
    // The second request replaced the first link.
    const replaced = await client.get(first)
    replaced.assertStatus(410)
    replaced.assertTextIncludes('Lien remplacé')

    // Issued two hours ago: expired after one.
    await db
      .from('one_time_links')
      .where('user_id', user.id)
      .whereNull('revoked_at')
      .update({
        created_at: DateTime.now().minus({ hours: 2 }).toJSDate(),
        expires_at: DateTime.now().minus({ hours: 1 }).toJSDate(),
      })
    const before = await tableCounts(TABLES)
    const expired = await client.get(second)
    expired.assertStatus(410)
    expired.assertTextIncludes('Lien expiré')
    for (const path of [first, second, `/mot-de-passe-oublie/${'x'.repeat(43)}`]) {
      const posted = await choosePassword(client, path)
      assert.oneOf(posted.status(), [404, 410])
    }
    const unknown = await client.get(`/mot-de-passe-oublie/${'x'.repeat(43)}`)
    unknown.assertStatus(404)
    unknown.assertTextIncludes('Lien inconnu')
    assert.deepEqual(await credentials(user.id), stored)
    assert.deepEqual(await tableCounts(TABLES), before)
  })

  test('requests are rate-limited per address, whether it has an account or not', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['hr'])
    for (const email of [user.email, 'inconnue@example.org']) {
      for (let i = 0; i < RESET_REQUESTS_PER_ACCOUNT; i++) {
        const accepted = await requestReset(client, email)
        accepted.assertFlashMessage('success', RESET_REQUESTED)
      }
      const before = await tableCounts(TABLES)
      const throttled = await requestReset(client, email)
      throttled.assertStatus(303)
      assert.match(
        String(throttled.flashMessages().error),
        /^Trop de demandes de réinitialisation\. Réessayez dans \d+ minutes?\.$/
      )
      assert.isAbove(Number(throttled.header('retry-after')), 0)
      assert.deepEqual(await tableCounts(TABLES), before)
    }
    assert.lengthOf(await mailsTo(user.email), RESET_REQUESTS_PER_ACCOUNT)
    assert.lengthOf(await mailbox(), RESET_REQUESTS_PER_ACCOUNT)
  })

  test('a malformed address is refused by the form', async ({ client, assert }) => {
    const before = await tableCounts(TABLES)
    const response = await requestReset(client, 'pas-une-adresse')
    assertFieldError(assert, response, 'email')
    assert.deepEqual(await tableCounts(TABLES), before)
    assert.lengthOf(await mailbox(), 0)
  })

  test('a reset also ends a forced change: the password is the user’s own again', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['hr'])
    await db.from('users').where('id', user.id).update({ must_change_password: true })
    await requestReset(client, user.email)
    const path = linkIn((await mailsTo(user.email))[0], '/mot-de-passe-oublie/')
    const chosen = await choosePassword(client, path)
    chosen.assertHeader('location', '/login')
    assert.isFalse((await credentials(user.id)).must_change_password)
    // A reset is refused once the account is deactivated in between.
    await requestReset(client, user.email)
    const next = linkIn((await mailsTo(user.email))[1], '/mot-de-passe-oublie/')
    await db.from('users').where('id', user.id).update({ is_active: false })
    const refused = await choosePassword(client, next, 'encore une autre phrase')
    refused.assertStatus(410)
    refused.assertTextIncludes('Compte désactivé')
    assert.isTrue(await hash.verify((await credentials(user.id)).password, NEW_PASSWORD))
  })
})
