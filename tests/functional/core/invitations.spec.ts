import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import type User from '#models/core/user'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { assertFieldError, assertRefused } from '#tests/support/refusals'
import { clearMailbox, linkIn, mailbox, mailsTo } from '#tests/support/mailbox'

/**
 * Invitations (issue #13): an admin invites a person by e-mail; the message is captured by the
 * file transport (the real send path, templates included); the test follows its link, chooses
 * a password and logs in.
 */

const TABLES = ['users', 'one_time_links', 'audit_events']
const PASSWORD = 'une phrase de passe bien à moi'

function invite(client: ApiClient, admin: User, form: Record<string, unknown>) {
  return client
    .post('/admin/utilisateurs/invitations')
    .form(form)
    .withCsrfToken()
    .actingAs(admin)
    .redirects(0)
}

function resend(client: ApiClient, admin: User, id: number) {
  return client
    .post(`/admin/utilisateurs/${id}/invitation`)
    .withCsrfToken()
    .actingAs(admin)
    .redirects(0)
}

function choosePassword(client: ApiClient, path: string, password = PASSWORD) {
  return client
    .post(path)
    .form({ password, passwordConfirmation: password })
    .withCsrfToken()
    .redirects(0)
}

function login(client: ApiClient, email: string, password: string) {
  return client.post('/login').form({ email, password }).withCsrfToken().redirects(0)
}

async function userRow(email: string) {
  return db.from('users').whereRaw('lower(email) = ?', [email.toLowerCase()]).first()
}

test.group('People | invitations', (group) => {
  isolated(group)
  group.each.setup(() => clearMailbox())
  group.teardown(() => clearMailbox())

  test('an invited person receives the e-mail, follows its link, chooses a password and logs in', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation('Mission Locale des Invitations')
    const admin = await makeUser(organisation, ['admin'])

    const list = await client.get('/admin/utilisateurs').actingAs(admin)
    list.assertStatus(200)
    assert.include(list.text(), 'href="/admin/utilisateurs/invitations/nouvelle"')
    const form = await client.get('/admin/utilisateurs/invitations/nouvelle').actingAs(admin)
    form.assertStatus(200)
    form.assertTextIncludes('Inviter une personne')

    const response = await invite(client, admin, {
      fullName: 'Inès Invitée',
      email: 'Ines.Invitee@Example.org',
      roles: ['finance', 'hr'],
    })
    response.assertStatus(302)
    response.assertHeader('location', '/admin/utilisateurs')
    response.assertFlashMessage(
      'success',
      'Invitation envoyée à ines.invitee@example.org : le lien est valable 48 heures.'
    )

    // The user exists, with no password anybody knows and no forced change.
    const invited = await userRow('ines.invitee@example.org')
    assert.equal(invited.organisation_id, organisation.id)
    assert.deepEqual(invited.roles, ['finance', 'hr'])
    assert.isFalse(invited.must_change_password)

    // One message, to the person, naming the organisation, with the link in both bodies.
    const mails = await mailbox()
    assert.lengthOf(mails, 1)
    const [mail] = mails
    assert.deepEqual(mail.to, ['ines.invitee@example.org'])
    assert.equal(mail.subject, 'Invitation à rejoindre Mission Locale des Invitations sur Socle')
    assert.include(mail.text, 'Bonjour Inès Invitée')
    assert.include(mail.text, 'valable 48 heures')
    const path = linkIn(mail, '/bienvenue/')
    const token = path.split('/').pop()!
    // The .eml is the whole MIME message, as an SMTP server would have received it.
    const eml = await readFile(mail.eml, 'utf8')
    assert.match(eml, /^To: .*ines\.invitee@example\.org/m)
    assert.match(eml, /^Content-Type: multipart\/alternative/m)

    // Only the token's hash is stored; the link lives 48 hours.
    const link = await db.from('one_time_links').where('user_id', invited.id).firstOrFail()
    assert.equal(link.purpose, 'invitation')
    assert.equal(link.token_hash, createHash('sha256').update(token).digest('hex'))
    const lifetime = DateTime.fromJSDate(link.expires_at).diff(
      DateTime.fromJSDate(link.created_at),
      'hours'
    ).hours
    assert.equal(Math.round(lifetime), 48)
    assert.isFalse(await hash.verify(invited.password, token))

    // Nobody logs in before the password is chosen.
    const early = await login(client, 'ines.invitee@example.org', token)
    early.assertFlashMessage('error', 'Adresse e-mail ou mot de passe incorrect.')

    const page = await client.get(path)
    page.assertStatus(200)
    page.assertTextIncludes('Inès Invitée')
    page.assertTextIncludes('ines.invitee@example.org')

    // Too short: refused, the link stays usable.
    const short = await choosePassword(client, path, 'court')
    assertFieldError(assert, short, 'password')
    assert.isNull((await db.from('one_time_links').where('id', link.id).first()).used_at)

    const chosen = await choosePassword(client, path)
    chosen.assertStatus(302)
    chosen.assertHeader('location', '/login')
    chosen.assertFlashMessage(
      'success',
      'Votre mot de passe est enregistré. Connectez-vous pour commencer.'
    )
    assert.isNotNull((await db.from('one_time_links').where('id', link.id).first()).used_at)
    const events = await db
      .from('audit_events')
      .where('subject_type', 'users')
      .where('subject_id', String(invited.id))
      .whereIn('action', ['invite', 'invitation_accepted'])
      .orderBy('id')
      .select('action', 'organisation_id')
    assert.deepEqual(
      events.map((event) => event.action),
      ['invite', 'invitation_accepted']
    )
    assert.isTrue(events.every((event) => event.organisation_id === organisation.id))

    const loggedIn = await login(client, 'ines.invitee@example.org', PASSWORD)
    loggedIn.assertStatus(302)
    loggedIn.assertHeader('location', '/')
    const home = await client.get('/').withSession(loggedIn.session()).redirects(0)
    home.assertStatus(200)
    home.assertTextIncludes('Inès Invitée')

    // The link is spent: reused, it is refused and changes nothing.
    const before = await tableCounts(TABLES)
    const stored = await userRow('ines.invitee@example.org')
    const again = await client.get(path)
    again.assertStatus(410)
    again.assertTextIncludes('Lien déjà utilisé')
    const reused = await choosePassword(client, path, 'un tout autre mot de passe')
    reused.assertStatus(410)
    const after = await userRow('ines.invitee@example.org')
    assert.equal(after.password, stored.password)
    assert.equal(after.session_version, stored.session_version)
    assert.deepEqual(await tableCounts(TABLES), before)
  })

  test('an invitation with bad input, a taken address or by a non-admin is refused; nothing is written or sent', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const hr = await makeUser(organisation, ['hr'])
    const before = await tableCounts(TABLES)

    const invalid = await invite(client, admin, {
      fullName: 'X',
      email: 'pas-une-adresse',
      roles: ['inconnu'],
    })
    assertFieldError(assert, invalid, 'email')
    assertFieldError(assert, invalid, 'fullName')
    const bag = invalid.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(bag['roles.0'], ['Rôle inconnu.'])

    const taken = await invite(client, admin, {
      fullName: 'Double',
      email: hr.email.toUpperCase(),
      roles: 'hr',
    })
    const errors = taken.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(errors.email, ['Cette adresse e-mail est déjà utilisée.'])

    const forbidden = await invite(client, hr, {
      fullName: 'Par la RH',
      email: 'par-la-rh@example.org',
      roles: 'hr',
    })
    forbidden.assertStatus(403)

    assert.deepEqual(await tableCounts(TABLES), before)
    assert.lengthOf(await mailbox(), 0)
  })

  test('sending an invitation again replaces its link; the old one is refused', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    await invite(client, admin, {
      fullName: 'Paul Relance',
      email: 'paul@example.org',
      roles: 'hr',
    })
    const invited = await userRow('paul@example.org')
    const first = linkIn((await mailsTo('paul@example.org'))[0], '/bienvenue/')

    const list = await client.get('/admin/utilisateurs').actingAs(admin)
    assert.include(list.text(), `action="/admin/utilisateurs/${invited.id}/invitation"`)

    const response = await resend(client, admin, invited.id)
    response.assertStatus(302)
    response.assertFlashMessage(
      'success',
      'Invitation envoyée à paul@example.org : le lien est valable 48 heures.'
    )
    const mails = await mailsTo('paul@example.org')
    assert.lengthOf(mails, 2)
    const second = linkIn(mails[1], '/bienvenue/')
    assert.notEqual(second, first)
    const links = await db
      .from('one_time_links')
      .where('user_id', invited.id)
      .orderBy('id')
      .select('revoked_at', 'used_at')
    assert.lengthOf(links, 2)
    assert.isNotNull(links[0].revoked_at)
    assert.isNull(links[1].revoked_at)
    assert.isTrue(
      await db
        .from('audit_events')
        .where('action', 'invite_again')
        .where('subject_id', String(invited.id))
        .first()
        .then(Boolean)
    )

    // The first link no longer works, and a post through it changes nothing.
    const old = await client.get(first)
    old.assertStatus(410)
    old.assertTextIncludes('Lien remplacé')
    const refused = await choosePassword(client, first)
    refused.assertStatus(410)
    assert.equal((await userRow('paul@example.org')).password, invited.password)

    const chosen = await choosePassword(client, second)
    chosen.assertHeader('location', '/login')
    const loggedIn = await login(client, 'paul@example.org', PASSWORD)
    loggedIn.assertHeader('location', '/')
  })

  test('an invitation is not sent again once accepted, nor to a deactivated account', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    await invite(client, admin, {
      fullName: 'Alice Active',
      email: 'alice@example.org',
      roles: 'hr',
    })
    const alice = await userRow('alice@example.org')
    await choosePassword(client, linkIn((await mailsTo('alice@example.org'))[0], '/bienvenue/'))
    const deactivated = await makeUser(organisation, ['hr'], { isActive: false })
    const finance = await makeUser(organisation, ['finance'])
    await clearMailbox()
    const before = await tableCounts(TABLES)

    const accepted = await resend(client, admin, alice.id)
    assertRefused(
      assert,
      accepted,
      'Alice Active a déjà activé son compte : en cas d’oubli, le lien « Mot de passe oublié ? » de la page de connexion lui permet d’en choisir un nouveau.'
    )
    const inactive = await resend(client, admin, deactivated.id)
    assertRefused(
      assert,
      inactive,
      `Le compte de ${deactivated.fullName} est désactivé : réactivez-le avant de renvoyer l’invitation.`
    )
    const unknown = await resend(client, admin, 999999)
    unknown.assertStatus(404)
    const forbidden = await resend(client, finance, alice.id)
    forbidden.assertStatus(403)

    assert.deepEqual(await tableCounts(TABLES), before)
    assert.lengthOf(await mailbox(), 0)
  })

  test('an expired invitation is refused and changes nothing', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    await invite(client, admin, { fullName: 'Eve Tardive', email: 'eve@example.org', roles: 'hr' })
    const invited = await userRow('eve@example.org')
    const path = linkIn((await mailsTo('eve@example.org'))[0], '/bienvenue/')
    // Issued three days ago: expired after 48 hours.
    await db
      .from('one_time_links')
      .where('user_id', invited.id)
      .update({
        created_at: DateTime.now().minus({ days: 3 }).toJSDate(),
        expires_at: DateTime.now().minus({ days: 1 }).toJSDate(),
      })
    const before = await tableCounts(TABLES)

    const page = await client.get(path)
    page.assertStatus(410)
    page.assertTextIncludes('Lien expiré')
    const posted = await choosePassword(client, path)
    posted.assertStatus(410)
    assert.equal((await userRow('eve@example.org')).password, invited.password)
    assert.isNull((await db.from('one_time_links').where('user_id', invited.id).first()).used_at)
    assert.deepEqual(await tableCounts(TABLES), before)
  })
})
