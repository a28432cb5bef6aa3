import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { demoOrganisation, inspecting, isolated, makeUser, tableCounts } from '#tests/helpers'
import { assertFieldError, assertRefused } from '#tests/support/refusals'
import { apiGet, tokenFor } from '#tests/functional/api/tokens'

/**
 * The account page's personal access tokens (/compte/jetons): the value is shown once, the
 * token works, the list shows it without its value; revoking is one's own tokens only. Each
 * write route is exercised accepted and refused.
 */

const TABLES = ['access_tokens', 'audit_events']

function tokenValueIn(html: string) {
  return /<code id="valeur-jeton"[^>]*>(socle_[^<]+)<\/code>/.exec(html)?.[1]
}

test.group('Account | access tokens page', (group) => {
  isolated(group)

  test('creating a token shows its value once; the value calls the API', async ({
    client,
    assert,
  }) => {
    const demo = await demoOrganisation()
    const user = await makeUser(demo, ['board'])
    const page = await client.get('/compte/jetons').actingAs(user).redirects(0)
    page.assertStatus(200)
    assert.include(page.text(), 'Aucun jeton pour l’instant.')

    const created = await client
      .post('/compte/jetons')
      .form({ name: 'Tableau de bord du réseau', expiration: '90' })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    created.assertStatus(201)
    const value = tokenValueIn(created.text())
    assert.exists(value, 'the new token is shown')
    const stored = await inspecting(() => db.from('access_tokens').where('user_id', user.id))
    assert.lengthOf(stored, 1)
    assert.equal(stored[0].organisation_id, demo.id)
    assert.deepEqual(stored[0].roles, ['board'])
    assert.notInclude(JSON.stringify(stored[0]), value!.split('.')[1], 'only its hash is stored')
    const days = (new Date(stored[0].expires_at).getTime() - Date.now()) / 86_400_000
    assert.approximately(days, 90, 0.1)

    const me = await apiGet(client, '/api/v1/moi', value)
    me.assertStatus(200)
    assert.equal(me.body().token.name, 'Tableau de bord du réseau')

    const again = await client.get('/compte/jetons').actingAs(user).redirects(0)
    assert.include(again.text(), 'Tableau de bord du réseau')
    assert.notInclude(again.text(), value!, 'the value is never shown again')
    const audit = await inspecting(() =>
      db
        .from('audit_events')
        .where({ subject_type: 'access_tokens', subject_id: String(stored[0].id) })
        .select('action', 'user_id')
    )
    assert.deepEqual(audit, [{ action: 'create', user_id: user.id }])
  })

  test('a token without a name or with an unknown expiry is refused, nothing is written', async ({
    client,
    assert,
  }) => {
    const user = await makeUser(await demoOrganisation(), ['finance'])
    const before = await tableCounts(TABLES)
    const post = (form: Record<string, string>) =>
      client.post('/compte/jetons').form(form).withCsrfToken().actingAs(user).redirects(0)
    assertFieldError(assert, await post({ name: '', expiration: '30' }), 'name')
    assertFieldError(assert, await post({ name: 'Script', expiration: '10000' }), 'expiration')
    assert.deepEqual(await tableCounts(TABLES), before)
  })

  test('revoking one’s own token: accepted once, then refused; another user’s token: 404', async ({
    client,
    assert,
  }) => {
    const demo = await demoOrganisation()
    const user = await makeUser(demo, ['finance'])
    const someoneElse = await makeUser(demo, ['finance'])
    const mine = await tokenFor(user, { name: 'Mon script' })
    const theirs = await tokenFor(someoneElse, { name: 'Son script' })
    const revoke = (id: number) =>
      client.delete(`/compte/jetons/${id}`).withCsrfToken().actingAs(user).redirects(0)

    const done = await revoke(mine.id)
    done.assertStatus(302)
    assert.equal(done.header('location'), '/compte/jetons')
    assert.match(String(done.flashMessages().success), /Mon script.*révoqué/)
    const row = await inspecting(() => db.from('access_tokens').where('id', mine.id).first())
    assert.isNotNull(row.revoked_at)

    const before = await tableCounts(TABLES)
    assertRefused(assert, await revoke(mine.id), 'Ce jeton d’accès est déjà révoqué.')
    const notMine = await revoke(theirs.id)
    notMine.assertStatus(404)
    assert.deepEqual(await tableCounts(TABLES), before)
    ;(await apiGet(client, '/api/v1/moi', theirs.value)).assertStatus(200)

    const page = await client.get('/compte/jetons').actingAs(user).redirects(0)
    assert.include(page.text(), 'révoqué le')
    assert.notInclude(page.text(), 'Son script')
  })
})
