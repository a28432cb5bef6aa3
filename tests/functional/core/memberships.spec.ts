import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { NOT_A_MEMBER } from '#actions/core/switch_organisation'
import RemoveMember from '#actions/core/remove_member'
import { ACTIVE_ORGANISATION } from '#middleware/tenant_middleware'
import { addMember, startOrganisation } from '#tests/fixtures/organisations'
import {
  asOrganisation,
  isolated,
  makeOrganisation,
  makeUser,
  tableCounts,
  tenantOf,
  TEST_PASSWORD,
} from '#tests/helpers'

/**
 * Memberships (ADR 9): a person belongs to several organisations with a role in each, chooses
 * the one they act for, and the role matrix applies per organisation. Organisations are started
 * as organisation:create does.
 */
test.group('Memberships | acting for several organisations', (group) => {
  isolated(group)

  async function twoOrganisations() {
    const alpha = (await startOrganisation('Mission Locale Alpha')).organisation
    const beta = (await startOrganisation('Mission Locale Bêta')).organisation
    // Finance at home (Alpha), hr in Bêta.
    const person = await makeUser(alpha, ['finance'])
    await addMember(beta, person, ['hr'])
    return { alpha, beta, person }
  }

  test('every user has their home membership, kept equal to their roles', async ({ assert }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['quality'])
    const row = await db
      .from('memberships')
      .where({ user_id: user.id, organisation_id: organisation.id })
      .firstOrFail()
    assert.deepEqual(row.roles, ['quality'])
    assert.isTrue(row.is_active)
    await db
      .from('users')
      .where('id', user.id)
      .update({ roles: ['admin', 'hr'], is_active: false })
    const after = await db.from('memberships').where('id', row.id).firstOrFail()
    assert.deepEqual(after.roles, ['admin', 'hr'])
    assert.isFalse(after.is_active)
  })

  test('a member of two organisations switches between them, with the roles of each', async ({
    client,
    assert,
  }) => {
    const { alpha, beta, person } = await twoOrganisations()

    // At home: finance, not hr; the menu lists both organisations.
    const home = await client.get('/').actingAs(person)
    home.assertStatus(200)
    assert.include(home.text(), 'name="organisationId"')
    assert.include(home.text(), 'Mission Locale Alpha')
    assert.include(home.text(), 'Mission Locale Bêta')
    ;(await client.get('/rh').actingAs(person).redirects(0)).assertStatus(403)
    ;(await client.get('/comptabilite').actingAs(person).redirects(0)).assertStatus(200)

    const switched = await client
      .post('/organisation-active')
      .actingAs(person)
      .withCsrfToken()
      .form({ organisationId: beta.id })
      .redirects(0)
    switched.assertStatus(302)
    switched.assertHeader('location', '/')
    switched.assertSession(ACTIVE_ORGANISATION, beta.id)
    switched.assertFlashMessage('success', 'Vous agissez maintenant pour « Mission Locale Bêta ».')

    // In Bêta: hr, not finance.
    const inBeta = { [ACTIVE_ORGANISATION]: beta.id }
    ;(await client.get('/rh').actingAs(person).withSession(inBeta).redirects(0)).assertStatus(200)
    ;(
      await client.get('/comptabilite').actingAs(person).withSession(inBeta).redirects(0)
    ).assertStatus(403)

    // The switch is audited in Bêta, naming the person (a membership of Bêta, not a user of it).
    const event = await db
      .from('audit_events')
      .where({ organisation_id: beta.id, action: 'switch_organisation' })
      .firstOrFail()
    assert.equal(event.user_id, person.id)
    assert.notExists(
      await db
        .from('audit_events')
        .where({ organisation_id: alpha.id, action: 'switch_organisation' })
        .first()
    )

    // Back home.
    const back = await client
      .post('/organisation-active')
      .actingAs(person)
      .withSession(inBeta)
      .withCsrfToken()
      .form({ organisationId: alpha.id })
      .redirects(0)
    back.assertSession(ACTIVE_ORGANISATION, alpha.id)
  })

  test('the menu is not shown to a person of one organisation', async ({ client, assert }) => {
    const organisation = await makeOrganisation('Mission Locale Seule')
    const user = await makeUser(organisation, ['finance'])
    const page = await client.get('/').actingAs(user)
    assert.notInclude(page.text(), 'name="organisationId"')
    assert.include(page.text(), 'Mission Locale Seule')
  })

  test('an organisation the person does not belong to is refused and changes nothing', async ({
    client,
    assert,
  }) => {
    const { person } = await twoOrganisations()
    const other = (await startOrganisation('Mission Locale Gamma')).organisation
    const before = await tableCounts(['audit_events', 'memberships'])
    for (const organisationId of [other.id, 999999]) {
      const refused = await client
        .post('/organisation-active')
        .actingAs(person)
        .withCsrfToken()
        .form({ organisationId })
        .redirects(0)
      refused.assertStatus(303)
      refused.assertFlashMessage('error', NOT_A_MEMBER)
      refused.assertSessionMissing(ACTIVE_ORGANISATION)
    }
    const malformed = await client
      .post('/organisation-active')
      .actingAs(person)
      .withCsrfToken()
      .form({ organisationId: 'beta' })
      .redirects(0)
    malformed.assertStatus(302)
    malformed.assertSessionMissing(ACTIVE_ORGANISATION)
    // A session that names it anyway acts for the home organisation.
    const forged = await client
      .get('/comptabilite')
      .actingAs(person)
      .withSession({ [ACTIVE_ORGANISATION]: other.id })
      .redirects(0)
    forged.assertStatus(200)
    assert.deepEqual(await tableCounts(['audit_events', 'memberships']), before)
  })

  test('a removed membership falls back to the home organisation at the next request', async ({
    client,
    assert,
  }) => {
    const { beta, person } = await twoOrganisations()
    const inBeta = { [ACTIVE_ORGANISATION]: beta.id }
    ;(await client.get('/rh').actingAs(person).withSession(inBeta).redirects(0)).assertStatus(200)

    const membership = await db
      .from('memberships')
      .where({ organisation_id: beta.id, user_id: person.id })
      .firstOrFail()
    await asOrganisation(beta, () => RemoveMember.handle(tenantOf(beta), { id: membership.id }))
    const after = await client.get('/rh').actingAs(person).withSession(inBeta).redirects(0)
    after.assertStatus(403)
    after.assertSessionMissing(ACTIVE_ORGANISATION)
    after.assertFlashMessage(
      'warning',
      'Vous n’avez plus accès à « Mission Locale Bêta » : vous agissez maintenant pour « Mission Locale Alpha ».'
    )
    const home = await client.get('/').actingAs(person).withSession(inBeta)
    home.assertStatus(200)
    assert.notInclude(home.text(), 'name="organisationId"')
    assert.include(home.text(), 'Mission Locale Alpha')
  })
})

test.group('Memberships | deactivated organisations', (group) => {
  isolated(group)

  async function deactivate(organisationId: number) {
    await db
      .from('organisations')
      .where('id', organisationId)
      .update({ is_active: false, deactivated_at: new Date() })
  }

  test('the members of a deactivated organisation cannot log in to it (French message)', async ({
    client,
    assert,
  }) => {
    const { organisation } = await startOrganisation('Mission Locale Fermée')
    const user = await makeUser(organisation, ['finance'], { email: 'ferme@test.socle.fr' })
    await deactivate(organisation.id)
    const refused = await client
      .post('/login')
      .withCsrfToken()
      .form({ email: user.email, password: TEST_PASSWORD })
      .redirects(0)
    refused.assertStatus(302)
    refused.assertFlashMessage(
      'error',
      'L’organisation « Mission Locale Fermée » a été désactivée : il n’est plus possible de s’y connecter. Adressez-vous à l’administrateur de l’instance.'
    )
    const row = await db.from('users').where('id', user.id).firstOrFail()
    assert.isNull(row.last_login_at)

    // A session opened before ends at its next request, with the same message.
    const open = await client.get('/').actingAs(user).redirects(0)
    open.assertHeader('location', '/login')
    open.assertFlashMessage(
      'error',
      'L’organisation « Mission Locale Fermée » a été désactivée : il n’est plus possible de s’y connecter. Adressez-vous à l’administrateur de l’instance.'
    )
  })

  test('a member of another organisation still logs in, and acts for it', async ({
    client,
    assert,
  }) => {
    const closed = (await startOrganisation('Mission Locale Fermée')).organisation
    const open = (await startOrganisation('Mission Locale Ouverte')).organisation
    const user = await makeUser(closed, ['finance'])
    await addMember(open, user, ['hr'])
    await deactivate(closed.id)
    const login = await client
      .post('/login')
      .withCsrfToken()
      .form({ email: user.email, password: TEST_PASSWORD })
      .redirects(0)
    login.assertHeader('location', '/')
    // The session chose the closed one: it acts for the open one instead.
    const page = await client
      .get('/rh')
      .actingAs(user)
      .withSession({ [ACTIVE_ORGANISATION]: closed.id })
      .redirects(0)
    page.assertStatus(200)
    const switched = await client
      .post('/organisation-active')
      .actingAs(user)
      .withCsrfToken()
      .form({ organisationId: closed.id })
      .redirects(0)
    switched.assertFlashMessage('error', NOT_A_MEMBER)
    assert.notProperty(switched.session(), ACTIVE_ORGANISATION)
  })
})

test.group('Memberships | an admin gives people of other organisations roles', (group) => {
  isolated(group)

  test('adding, changing and withdrawing a member; refusals change nothing', async ({
    client,
    assert,
  }) => {
    const alpha = (await startOrganisation('Mission Locale Alpha')).organisation
    const beta = (await startOrganisation('Mission Locale Bêta')).organisation
    // Bêta's admin is themself a person of Alpha: what they do is recorded in Bêta.
    const admin = await makeUser(alpha, ['finance'])
    await addMember(beta, admin, ['admin'])
    const inBeta = { [ACTIVE_ORGANISATION]: beta.id }
    const person = await makeUser(alpha, ['quality'])
    const own = await makeUser(beta, ['finance'])

    const page = await client.get('/admin/membres').actingAs(admin).withSession(inBeta)
    page.assertStatus(200)
    assert.include(page.text(), admin.email)
    assert.notInclude(page.text(), own.email)

    const added = await client
      .post('/admin/membres')
      .actingAs(admin)
      .withSession(inBeta)
      .withCsrfToken()
      .form({ email: person.email.toUpperCase(), roles: ['board', 'quality'] })
      .redirects(0)
    added.assertStatus(302)
    added.assertFlashMessage(
      'success',
      'Membre enregistré : ses rôles valent dès sa prochaine page.'
    )
    const membership = await db
      .from('memberships')
      .where({ organisation_id: beta.id, user_id: person.id })
      .firstOrFail()
    assert.deepEqual(membership.roles, ['board', 'quality'])
    const audit = await db
      .from('audit_events')
      .where({
        organisation_id: beta.id,
        subject_type: 'memberships',
        subject_id: String(membership.id),
      })
      .firstOrFail()
    assert.equal(audit.user_id, admin.id)

    const before = await tableCounts(['memberships', 'audit_events'])
    for (const [email, message] of [
      [
        'personne@nulle-part.fr',
        'Aucun compte n’utilise l’adresse personne@nulle-part.fr : invitez cette personne depuis la page des utilisateurs.',
      ],
      [
        own.email,
        `${own.fullName} est un utilisateur de votre organisation : ses rôles se changent sur sa fiche.`,
      ],
    ]) {
      const refused = await client
        .post('/admin/membres')
        .actingAs(admin)
        .withSession(inBeta)
        .withCsrfToken()
        .form({ email, roles: ['hr'] })
        .redirects(0)
      refused.assertStatus(303)
      refused.assertFlashMessage('error', message)
    }
    const invalid = await client
      .post('/admin/membres')
      .actingAs(admin)
      .withSession(inBeta)
      .withCsrfToken()
      .form({ email: person.email, roles: ['inconnu'] })
      .redirects(0)
    invalid.assertStatus(302)
    assert.deepEqual(await tableCounts(['memberships', 'audit_events']), before)

    // Withdrawing: the home user cannot be withdrawn here, a member can.
    const home = await db
      .from('memberships')
      .where({ organisation_id: beta.id, user_id: own.id })
      .firstOrFail()
    const refusedHome = await client
      .delete(`/admin/membres/${home.id}`)
      .actingAs(admin)
      .withSession(inBeta)
      .withCsrfToken()
      .redirects(0)
    refusedHome.assertStatus(303)
    refusedHome.assertFlashMessage(
      'error',
      `${own.fullName} est un utilisateur de votre organisation : désactivez son compte depuis sa fiche.`
    )
    const removed = await client
      .delete(`/admin/membres/${membership.id}`)
      .actingAs(admin)
      .withSession(inBeta)
      .withCsrfToken()
      .redirects(0)
    removed.assertStatus(302)
    assert.isFalse(
      (await db.from('memberships').where('id', membership.id).firstOrFail()).is_active
    )
    // Alpha's membership cannot be reached from Bêta.
    const alphaHome = await db
      .from('memberships')
      .where({ organisation_id: alpha.id, user_id: person.id })
      .firstOrFail()
    ;(
      await client
        .delete(`/admin/membres/${alphaHome.id}`)
        .actingAs(admin)
        .withSession(inBeta)
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(404)

    // Only admins.
    ;(await client.get('/admin/membres').actingAs(person).redirects(0)).assertStatus(403)
  })
})
