import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import { addMember } from '#tests/fixtures/organisations'
import { demoOrganisation, isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { assertRefused } from '#tests/support/refusals'
import { apiGet, tokenFor } from '#tests/functional/api/tokens'

/**
 * Access tokens for the organisations a person is a member of (issue #13, ADR 9): on their
 * account page, acting for their home organisation, a person creates a token for another
 * organisation chosen by name, with their roles there; it reads that organisation only; leaving
 * it (membership withdrawn, organisation deactivated) makes the token refused; they revoke it
 * from the same page, audited in the token's organisation.
 */

const TABLES = ['access_tokens', 'audit_events']
const REFUSAL =
  'Vous ne pouvez créer un jeton que pour une organisation dont vous êtes membre actif.'

function tokenValueIn(html: string) {
  return /<code id="valeur-jeton"[^>]*>(socle_[^<]+)<\/code>/.exec(html)?.[1]
}

/** The options of the `<select name="…">` of a page, as value and label. */
function choicesOf(html: string, name: string) {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)
  if (!select) throw new Error(`no select named ${name}`)
  return [...select[1].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => ({
    value: m[1],
    label: m[2].trim(),
  }))
}

function create(client: ApiClient, user: User, form: Record<string, unknown>) {
  return client.post('/compte/jetons').form(form).withCsrfToken().actingAs(user).redirects(0)
}

/** A finance person of a young organisation (no books yet) made a member of the demo. */
async function personOfTwo() {
  const demo = await demoOrganisation()
  const home = await makeOrganisation('Mission Locale du Titulaire')
  const user = await makeUser(home, ['hr'])
  await addMember(demo, user, ['finance'])
  return { demo, home, user }
}

test.group('API | tokens for another organisation of the person', (group) => {
  isolated(group)

  test('created on the account page for the organisation chosen by name, with the roles there; it reads that one only', async ({
    client,
    assert,
  }) => {
    const { demo, home, user } = await personOfTwo()
    const page = await client.get('/compte/jetons').actingAs(user)
    page.assertStatus(200)
    const choices = choicesOf(page.text(), 'organisationId')
    assert.deepEqual(
      choices.map((choice) => choice.value).sort(),
      [String(demo.id), String(home.id)].sort()
    )
    assert.includeMembers(
      choices.map((choice) => choice.label),
      [demo.name, home.name]
    )

    const created = await create(client, user, {
      name: 'Consolidation du réseau',
      expiration: '30',
      organisationId: demo.id,
    })
    created.assertStatus(201)
    const value = tokenValueIn(created.text())!
    assert.exists(value)
    const row = await db.from('access_tokens').where('user_id', user.id).firstOrFail()
    assert.equal(row.organisation_id, demo.id)
    assert.deepEqual(row.roles, ['finance'])
    const audit = await db
      .from('audit_events')
      .where({ subject_type: 'access_tokens', subject_id: String(row.id) })
      .select('organisation_id', 'user_id', 'action')
    assert.deepEqual(audit, [{ organisation_id: demo.id, user_id: user.id, action: 'create' }])

    // It reads the demo's statements with the finance role held there...
    const me = await apiGet(client, '/api/v1/moi', value)
    me.assertStatus(200)
    assert.equal(me.body().organisation.id, demo.id)
    assert.deepEqual(me.body().roles, ['finance'])
    ;(await apiGet(client, '/api/v1/bilan?annee=2023', value)).assertStatus(200)
    ;(await apiGet(client, '/api/v1/balance-generale?annee=2023', value)).assertStatus(200)

    // ... while a token for the home organisation reads the home one: no 2023 books there, and
    // the hr role held there does not read statements at all.
    const own = await create(client, user, { name: 'Script RH', expiration: '30' })
    own.assertStatus(201)
    const homeValue = tokenValueIn(own.text())!
    const homeMe = await apiGet(client, '/api/v1/moi', homeValue)
    assert.equal(homeMe.body().organisation.id, home.id)
    assert.deepEqual(homeMe.body().roles, ['hr'])
    assert.equal((await apiGet(client, '/api/v1/bilan?annee=2023', homeValue)).status(), 403)

    // Both are listed with their organisation.
    const list = (await client.get('/compte/jetons').actingAs(user)).text()
    assert.include(list, `<td>Consolidation du réseau</td>\n<td>${demo.name}</td>`)
    assert.include(list, `<td>Script RH</td>\n<td>${home.name}</td>`)
  })

  test('an organisation the person is not (or no longer) a member of is refused, nothing is written', async ({
    client,
    assert,
  }) => {
    const { demo, user } = await personOfTwo()
    const elsewhere = await makeOrganisation('Mission Locale Voisine')
    await makeUser(elsewhere, ['admin'])
    const before = await tableCounts(TABLES)
    for (const organisationId of [elsewhere.id, 2147483000]) {
      const refused = await create(client, user, {
        name: 'Intrus',
        expiration: '30',
        organisationId,
      })
      assertRefused(assert, refused, REFUSAL)
    }
    await db
      .from('memberships')
      .where({ organisation_id: demo.id, user_id: user.id })
      .update({ is_active: false })
    assertRefused(
      assert,
      await create(client, user, { name: 'Ancien', expiration: '30', organisationId: demo.id }),
      REFUSAL
    )
    const malformed = await create(client, user, {
      name: 'Mal formé',
      expiration: '30',
      organisationId: 'la démo',
    })
    malformed.assertStatus(302)
    assert.property(malformed.flashMessages().inputErrorsBag, 'organisationId')
    assert.deepEqual(await tableCounts(TABLES), before)
  })

  test('a withdrawn membership or a deactivated organisation makes the token refused in French', async ({
    client,
    assert,
  }) => {
    const { demo, user } = await personOfTwo()
    const token = await tokenFor(user, { organisationId: demo.id })
    ;(await apiGet(client, '/api/v1/bilan?annee=2023', token.value)).assertStatus(200)

    await db
      .from('memberships')
      .where({ organisation_id: demo.id, user_id: user.id })
      .update({ is_active: false })
    const withdrawn = await apiGet(client, '/api/v1/bilan?annee=2023', token.value)
    withdrawn.assertStatus(401)
    assert.match(String(withdrawn.header('content-type')), /application\/json/)
    assert.match(withdrawn.body().error, /n’a plus accès à cette organisation/)
    const page = await client.get('/compte/jetons').actingAs(user)
    assert.include(page.text(), 'sans effet : plus d’accès à l’organisation')

    await db
      .from('memberships')
      .where({ organisation_id: demo.id, user_id: user.id })
      .update({ is_active: true })
    ;(await apiGet(client, '/api/v1/moi', token.value)).assertStatus(200)
    await db
      .from('organisations')
      .where('id', demo.id)
      .update({ is_active: false, deactivated_at: new Date() })
    const deactivated = await apiGet(client, '/api/v1/moi', token.value)
    deactivated.assertStatus(401)
    assert.match(deactivated.body().error, /n’a plus accès à cette organisation/)
  })

  test('revoked from the account page while acting for the home organisation, audited in the token’s one', async ({
    client,
    assert,
  }) => {
    const { demo, user } = await personOfTwo()
    const token = await tokenFor(user, { organisationId: demo.id, name: 'Script démo' })
    const revoked = await client
      .delete(`/compte/jetons/${token.id}`)
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    revoked.assertStatus(302)
    assert.match(String(revoked.flashMessages().success), /Script démo.*révoqué/)
    const audit = await db
      .from('audit_events')
      .where({ subject_type: 'access_tokens', subject_id: String(token.id), action: 'revoke' })
      .select('organisation_id', 'user_id')
    assert.deepEqual(audit, [{ organisation_id: demo.id, user_id: user.id }])
    ;(await apiGet(client, '/api/v1/moi', token.value)).assertStatus(401)

    // Another person of the demo cannot revoke it: 404, nothing written.
    const again = await tokenFor(user, { organisationId: demo.id, name: 'Second script' })
    const admin = await makeUser(demo, ['admin'])
    const before = await tableCounts(TABLES)
    const intruder = await client
      .delete(`/compte/jetons/${again.id}`)
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    intruder.assertStatus(404)
    assert.deepEqual(await tableCounts(TABLES), before)
    ;(await apiGet(client, '/api/v1/moi', again.value)).assertStatus(200)
  })
})
