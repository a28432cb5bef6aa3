import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { demoOrganisation, inspecting, isolated, makeOrganisation, makeUser } from '#tests/helpers'
import { apiGet, tokenFor } from '#tests/functional/api/tokens'

/**
 * Who may call the JSON API: a personal access token, valid, of an active user who still holds
 * the role; the token reads its own organisation only, within its roles; per-token rate limit.
 */

const ACCOUNTING = [
  '/api/v1/exercices',
  '/api/v1/compte-de-resultat?annee=2023',
  '/api/v1/bilan?annee=2023',
  '/api/v1/balance-generale?annee=2023',
]

function assertUnauthorized(
  assert: import('@japa/assert').Assert,
  response: { status(): number; body(): any; header(name: string): unknown },
  message: RegExp
) {
  assert.equal(response.status(), 401)
  assert.match(response.body().error, message)
  assert.match(String(response.header('www-authenticate')), /^Bearer/)
}

test.group('API | authentication', (group) => {
  isolated(group)

  test('no token, a malformed or unknown one: 401 in French JSON', async ({ client, assert }) => {
    const none = await apiGet(client, '/api/v1/bilan?annee=2023')
    assertUnauthorized(assert, none, /Authentification requise/)
    assert.match(String(none.header('content-type')), /application\/json/)
    for (const value of ['abc', 'socle_MTIz.bm9wZQ', 'socle_OTk5OTk5OQ.c2VjcmV0']) {
      const response = await apiGet(client, '/api/v1/bilan?annee=2023', value)
      assertUnauthorized(assert, response, /inconnu ou invalide/)
    }
  })

  test('a token whose secret is wrong is refused, the right one accepted', async ({
    client,
    assert,
  }) => {
    const user = await makeUser(await demoOrganisation(), ['finance'])
    const token = await tokenFor(user)
    const [prefixAndId] = token.value.split('.')
    const forged = `${prefixAndId}.${Buffer.from('un autre secret').toString('base64url')}`
    assertUnauthorized(assert, await apiGet(client, '/api/v1/exercices', forged), /inconnu/)
    ;(await apiGet(client, '/api/v1/exercices', token.value)).assertStatus(200)
  })

  test('a session cookie does not authenticate the API', async ({ client, assert }) => {
    const user = await makeUser(await demoOrganisation(), ['admin'])
    const response = await client.get('/api/v1/exercices').actingAs(user).redirects(0)
    assertUnauthorized(assert, response, /Authentification requise/)
    // ... while the same session reads the page.
    ;(await client.get('/comptabilite/balance').actingAs(user).redirects(0)).assertStatus(200)
  })

  test('a revoked token: 401', async ({ client, assert }) => {
    const user = await makeUser(await demoOrganisation(), ['finance'])
    const token = await tokenFor(user)
    ;(await apiGet(client, '/api/v1/exercices', token.value)).assertStatus(200)
    const revoke = await client
      .delete(`/compte/jetons/${token.id}`)
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    revoke.assertStatus(302)
    assertUnauthorized(
      assert,
      await apiGet(client, '/api/v1/exercices', token.value),
      /a été révoqué/
    )
  })

  test('an expired token: 401', async ({ client, assert }) => {
    const user = await makeUser(await demoOrganisation(), ['finance'])
    const token = await tokenFor(user, { expiration: '30' })
    ;(await apiGet(client, '/api/v1/exercices', token.value)).assertStatus(200)
    await inspecting(() =>
      db
        .from('access_tokens')
        .where('id', token.id)
        .update({ expires_at: new Date(Date.now() - 1000) })
    )
    assertUnauthorized(assert, await apiGet(client, '/api/v1/exercices', token.value), /a expiré/)
  })

  test('a token without expiry keeps working; a deactivated owner: 401', async ({
    client,
    assert,
  }) => {
    const user = await makeUser(await demoOrganisation(), ['finance'])
    const token = await tokenFor(user, { expiration: 'none' })
    ;(await apiGet(client, '/api/v1/exercices', token.value)).assertStatus(200)
    await inspecting(() => db.from('users').where('id', user.id).update({ is_active: false }))
    assertUnauthorized(
      assert,
      await apiGet(client, '/api/v1/exercices', token.value),
      /n’a plus accès/
    )
  })
})

test.group('API | scope: one organisation, the role matrix', (group) => {
  isolated(group)

  test('a token of organisation A never reads organisation B', async ({ client, assert }) => {
    const demo = await demoOrganisation()
    const other = await makeOrganisation('Autre mission locale')
    const theirs = await tokenFor(await makeUser(other, ['admin']))
    // A's own fiscal years (none), never the demo's; no 2023 statement of the demo.
    const years = await apiGet(client, '/api/v1/exercices', theirs.value)
    years.assertStatus(200)
    assert.deepEqual(years.body().fiscal_years, [])
    for (const url of ACCOUNTING.slice(1)) {
      const response = await apiGet(client, url, theirs.value)
      assert.equal(response.status(), 404, url)
    }
    const me = await apiGet(client, '/api/v1/moi', theirs.value)
    assert.equal(me.body().organisation.id, other.id)
    // The demo's own token reads the demo.
    const ours = await tokenFor(await makeUser(demo, ['admin']))
    ;(await apiGet(client, '/api/v1/bilan?annee=2023', ours.value)).assertStatus(200)
  })

  test('a member of two organisations: one token per organisation, each reads its own', async ({
    client,
    assert,
  }) => {
    const demo = await demoOrganisation()
    const home = await makeOrganisation('Mission locale d’origine')
    const user = await makeUser(home, ['finance'])
    await inspecting(() =>
      db.table('memberships').insert({
        organisation_id: demo.id,
        user_id: user.id,
        roles: db.raw(`ARRAY['board']::text[]`),
      })
    )
    const forDemo = await tokenFor(user, { organisationId: demo.id })
    const forHome = await tokenFor(user)
    const me = await apiGet(client, '/api/v1/moi', forDemo.value)
    assert.equal(me.body().organisation.id, demo.id)
    assert.deepEqual(me.body().roles, ['board'])
    ;(await apiGet(client, '/api/v1/bilan?annee=2023', forDemo.value)).assertStatus(200)
    ;(await apiGet(client, '/api/v1/bilan?annee=2023', forHome.value)).assertStatus(404)

    // Leaving the demo ends that token only.
    await inspecting(() =>
      db
        .from('memberships')
        .where({ organisation_id: demo.id, user_id: user.id })
        .update({ is_active: false })
    )
    assertUnauthorized(assert, await apiGet(client, '/api/v1/moi', forDemo.value), /plus accès/)
    ;(await apiGet(client, '/api/v1/moi', forHome.value)).assertStatus(200)
  })

  test('an hr token gets no accounting and no grants', async ({ client, assert }) => {
    const token = await tokenFor(await makeUser(await demoOrganisation(), ['hr']))
    for (const url of [...ACCOUNTING, '/api/v1/financements?annee=2023']) {
      const response = await apiGet(client, url, token.value)
      assert.equal(response.status(), 403, url)
      assert.match(response.body().error, /Accès refusé/, url)
    }
    ;(await apiGet(client, '/api/v1/chiffres-cles?annee=2023', token.value)).assertStatus(200)
    ;(await apiGet(client, '/api/v1/rapprochements?annee=2023', token.value)).assertStatus(200)
  })

  test('a board token reads the statements; a quality token does not', async ({
    client,
    assert,
  }) => {
    const demo = await demoOrganisation()
    const board = await tokenFor(await makeUser(demo, ['board']))
    for (const url of ACCOUNTING) {
      assert.equal((await apiGet(client, url, board.value)).status(), 200, url)
    }
    const quality = await tokenFor(await makeUser(demo, ['quality']))
    for (const url of ACCOUNTING) {
      assert.equal((await apiGet(client, url, quality.value)).status(), 403, url)
    }
  })

  test('a token keeps the roles held at its creation: no later promotion, at once any demotion', async ({
    client,
    assert,
  }) => {
    const demo = await demoOrganisation()
    const user = await makeUser(demo, ['hr'])
    const token = await tokenFor(user)
    await inspecting(() =>
      db
        .from('users')
        .where('id', user.id)
        .update({ roles: db.raw(`ARRAY['hr', 'finance']::text[]`) })
    )
    const promoted = await apiGet(client, '/api/v1/bilan?annee=2023', token.value)
    assert.equal(promoted.status(), 403, 'the promotion does not reach an older token')
    const fresh = await tokenFor(
      await inspecting(async () => {
        const { default: User } = await import('#models/core/user')
        return User.findOrFail(user.id)
      })
    )
    ;(await apiGet(client, '/api/v1/bilan?annee=2023', fresh.value)).assertStatus(200)
    await inspecting(() =>
      db
        .from('users')
        .where('id', user.id)
        .update({ roles: db.raw(`ARRAY['hr']::text[]`) })
    )
    assert.equal((await apiGet(client, '/api/v1/bilan?annee=2023', fresh.value)).status(), 403)
  })
})

test.group('API | rate limit', (group) => {
  isolated(group)

  test('a token gets 429 beyond its calls per minute, another token is not affected', async ({
    client,
    assert,
  }) => {
    const user = await makeUser(await demoOrganisation(), ['finance'])
    const token = await tokenFor(user)
    const other = await tokenFor(user, { name: 'Autre script' })
    const previous = process.env.API_RATE_LIMIT_PER_MINUTE
    process.env.API_RATE_LIMIT_PER_MINUTE = '3'
    try {
      for (let call = 1; call <= 3; call++) {
        const response = await apiGet(client, '/api/v1/moi', token.value)
        response.assertStatus(200)
        assert.equal(response.header('x-ratelimit-remaining'), String(3 - call))
      }
      const refused = await apiGet(client, '/api/v1/moi', token.value)
      refused.assertStatus(429)
      assert.match(refused.body().error, /Trop d’appels avec ce jeton : 3 par minute/)
      assert.isAbove(Number(refused.header('retry-after')), 0)
      ;(await apiGet(client, '/api/v1/moi', other.value)).assertStatus(200)
    } finally {
      if (previous === undefined) delete process.env.API_RATE_LIMIT_PER_MINUTE
      else process.env.API_RATE_LIMIT_PER_MINUTE = previous
    }
  })
})
