import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import { ACTIVE_ORGANISATION } from '#middleware/tenant_middleware'
import { addMember, startOrganisation } from '#tests/fixtures/organisations'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { assertRefused } from '#tests/support/refusals'
import { clearMailbox, mailbox, mailsTo } from '#tests/support/mailbox'
import { apiGet, tokenFor } from '#tests/functional/api/tokens'
import { seedQualityDemo } from '#tests/functional/quality/helpers'

/**
 * People across organisations (issue #13): an invitation to an address that already has an
 * account makes that person a member; people pickers list the organisation's members only;
 * nobody revokes another person's access token.
 */

const TABLES = ['users', 'memberships', 'one_time_links', 'audit_events']

function invite(client: ApiClient, admin: User, form: Record<string, unknown>) {
  return client
    .post('/admin/utilisateurs/invitations')
    .form(form)
    .withCsrfToken()
    .actingAs(admin)
    .redirects(0)
}

/** The options of the `<select name="…">` of a page, as their labels. */
function optionsOf(html: string, name: string) {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)
  if (!select) throw new Error(`no select named ${name}`)
  return [...select[1].matchAll(/<option[^>]*>([^<]*)<\/option>/g)].map((m) => m[1].trim())
}

test.group('People | inviting a person who already has an account', (group) => {
  isolated(group)
  group.each.setup(() => clearMailbox())
  group.teardown(() => clearMailbox())

  test('the invitation makes them a member with the chosen roles and tells them by e-mail', async ({
    client,
    assert,
  }) => {
    const alpha = (await startOrganisation('Mission Locale Alpha')).organisation
    const beta = (await startOrganisation('Mission Locale Bêta')).organisation
    const admin = await makeUser(beta, ['admin'])
    const person = await makeUser(alpha, ['finance'])
    const usersBefore = (await tableCounts(['users'])).users

    const response = await invite(client, admin, {
      fullName: 'Un autre nom',
      email: person.email.toUpperCase(),
      roles: ['board', 'quality'],
    })
    response.assertStatus(302)
    response.assertHeader('location', '/admin/membres')
    response.assertFlashMessage(
      'success',
      `${person.fullName} a déjà un compte Socle et devient membre de votre organisation (Administrateur (CA), Qualité) ; un e-mail l’en informe.`
    )

    // No second account, no link: a membership of Bêta with the chosen roles, audited there.
    assert.equal((await tableCounts(['users'])).users, usersBefore)
    const membership = await db
      .from('memberships')
      .where({ organisation_id: beta.id, user_id: person.id })
      .firstOrFail()
    assert.deepEqual(membership.roles, ['board', 'quality'])
    assert.isTrue(membership.is_active)
    assert.notExists(await db.from('one_time_links').where('user_id', person.id).first())
    const audit = await db
      .from('audit_events')
      .where({ organisation_id: beta.id, subject_type: 'memberships' })
      .where('subject_id', String(membership.id))
      .firstOrFail()
    assert.equal(audit.user_id, admin.id)
    // Their account is untouched: home, roles, password.
    const account = await db.from('users').where('id', person.id).firstOrFail()
    assert.equal(account.organisation_id, alpha.id)
    assert.deepEqual(account.roles, ['finance'])
    assert.equal(account.full_name, person.fullName)

    // The message tells them where they were added and how to get there, with no link to spend.
    const mails = await mailsTo(person.email)
    assert.lengthOf(mails, 1)
    assert.equal(mails[0].subject, 'Vous faites maintenant partie de Mission Locale Bêta sur Socle')
    assert.include(mails[0].text, `Bonjour ${person.fullName}`)
    assert.include(mails[0].text, 'Administrateur (CA), Qualité')
    assert.include(mails[0].text, '/login')
    assert.notInclude(mails[0].text, '/bienvenue/')

    // They now act for Bêta with those roles: the members page lists them.
    const members = await client.get('/admin/membres').actingAs(admin)
    assert.include(members.text(), person.email)
    const inBeta = { [ACTIVE_ORGANISATION]: beta.id }
    const home = await client.get('/').actingAs(person).withSession(inBeta)
    home.assertStatus(200)
    assert.include(home.text(), 'Mission Locale Bêta')
    ;(await client.get('/qualite').actingAs(person).withSession(inBeta).redirects(0)).assertStatus(
      200
    )
  })

  test('a withdrawn member invited again is a member again; a member already or a user of the organisation is refused and nothing changes', async ({
    client,
    assert,
  }) => {
    const alpha = (await startOrganisation('Mission Locale Alpha')).organisation
    const beta = (await startOrganisation('Mission Locale Bêta')).organisation
    const admin = await makeUser(beta, ['admin'])
    const person = await makeUser(alpha, ['finance'])
    const own = await makeUser(beta, ['hr'])
    await addMember(beta, person, ['hr'])
    await db
      .from('memberships')
      .where({ organisation_id: beta.id, user_id: person.id })
      .update({ is_active: false })

    const again = await invite(client, admin, {
      fullName: person.fullName,
      email: person.email,
      roles: 'board',
    })
    again.assertStatus(302)
    const membership = await db
      .from('memberships')
      .where({ organisation_id: beta.id, user_id: person.id })
      .firstOrFail()
    assert.isTrue(membership.is_active)
    assert.deepEqual(membership.roles, ['board'])
    assert.lengthOf(await mailsTo(person.email), 1)

    await clearMailbox()
    const before = await tableCounts(TABLES)
    const already = await invite(client, admin, {
      fullName: person.fullName,
      email: person.email,
      roles: 'hr',
    })
    assertRefused(
      assert,
      already,
      `${person.fullName} est déjà membre de votre organisation : ses rôles se changent sur la page « Membres d’autres organisations ».`
    )
    const ownUser = await invite(client, admin, {
      fullName: own.fullName,
      email: own.email,
      roles: 'hr',
    })
    assertRefused(assert, ownUser, 'Cette adresse e-mail est déjà utilisée.')
    const bag = ownUser.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(bag.email, ['Cette adresse e-mail est déjà utilisée.'])
    assert.deepEqual(await tableCounts(TABLES), before)
    assert.deepEqual(
      (await db.from('memberships').where('id', membership.id).firstOrFail()).roles,
      ['board']
    )
    assert.lengthOf(await mailbox(), 0)
  })
})

test.group('People | pickers list the members of the organisation only', (group) => {
  isolated(group)

  test('criterion owners, working group members and action owners: no person of another organisation, no deactivated account', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation('Mission Locale des Choix')
    const quality = await makeUser(organisation, ['quality'])
    const colleague = await makeUser(organisation, ['finance'])
    const gone = await makeUser(organisation, ['hr'], { isActive: false })
    const other = await makeOrganisation('Mission Locale Voisine')
    const stranger = await makeUser(other, ['quality'])
    await db.from('users').where('id', stranger.id).update({ full_name: 'Zoé Étrangère' })
    const { criteria } = await seedQualityDemo(organisation)

    const criterion = await client.get(`/qualite/criteres/${criteria[0].id}`).actingAs(quality)
    criterion.assertStatus(200)
    const owners = optionsOf(criterion.text(), 'ownerId')
    assert.includeMembers(owners, [quality.fullName, colleague.fullName])
    assert.notInclude(owners, 'Zoé Étrangère')
    assert.notInclude(owners, gone.fullName)

    const plan = await client.get('/qualite/plan').actingAs(quality)
    plan.assertStatus(200)
    for (const name of ['userId', 'ownerId']) {
      const people = optionsOf(plan.text(), name)
      assert.includeMembers(people, [quality.fullName, colleague.fullName], name)
      assert.notInclude(people, 'Zoé Étrangère', name)
      assert.notInclude(people, gone.fullName, name)
    }
    assert.notInclude(plan.text(), 'Zoé Étrangère')

    // Posted by id anyway, the other organisation's person is refused and nothing changes.
    const assessment = await db
      .from('criterion_assessments')
      .where('criterion_id', criteria[0].id)
      .firstOrFail()
    const refused = await client
      .put(`/qualite/criteres/${criteria[0].id}`)
      .form({
        status: assessment.status,
        ownerId: stranger.id,
        comment: assessment.comment ?? '',
        version: assessment.version,
      })
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    assert.oneOf(refused.status(), [302, 303, 404, 422])
    const after = await db.from('criterion_assessments').where('id', assessment.id).firstOrFail()
    assert.notEqual(after.owner_id, stranger.id)
    assert.equal(after.version, assessment.version)
  })
})

test.group('People | access tokens are revoked by their owner only', (group) => {
  isolated(group)

  test('an admin of the same organisation or a person of another one gets 404 and the token still works', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation('Mission Locale des Jetons')
    const owner = await makeUser(organisation, ['finance'])
    const admin = await makeUser(organisation, ['admin'])
    const other = await makeOrganisation('Mission Locale Voisine')
    const otherAdmin = await makeUser(other, ['admin'])
    const { id, value } = await tokenFor(owner, { name: 'Script de la trésorière' })
    const before = await tableCounts(['access_tokens', 'audit_events'])

    for (const intruder of [admin, otherAdmin]) {
      const response = await client
        .delete(`/compte/jetons/${id}`)
        .withCsrfToken()
        .actingAs(intruder)
        .redirects(0)
      response.assertStatus(404)
      const page = await client.get('/compte/jetons').actingAs(intruder)
      assert.notInclude(page.text(), 'Script de la trésorière')
    }
    assert.deepEqual(await tableCounts(['access_tokens', 'audit_events']), before)
    const row = await db.from('access_tokens').where('id', id).firstOrFail()
    assert.isNull(row.revoked_at)
    ;(await apiGet(client, '/api/v1/moi', value)).assertStatus(200)

    // The owner can.
    const revoked = await client
      .delete(`/compte/jetons/${id}`)
      .withCsrfToken()
      .actingAs(owner)
      .redirects(0)
    revoked.assertStatus(302)
    ;(await apiGet(client, '/api/v1/moi', value)).assertStatus(401)
  })
})
