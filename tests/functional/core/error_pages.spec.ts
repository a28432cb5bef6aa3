import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { isolated, makeOrganisation, makeUser } from '#tests/helpers'

/** Nothing of the machinery reaches a visitor: no stack, no SQL, no file path. */
function assertNoInternals(assert: any, html: string, where: string) {
  for (const leak of [
    /\bat \S+ \(/,
    /\.(ts|js):\d+/,
    /\bselect\b[\s\S]{0,200}\bfrom\b/i,
    /node_modules/,
    /E_[A-Z_]+/,
    /Exception|TypeError|ReferenceError/,
  ]) {
    assert.notMatch(html, leak, `${where} shows internals (${leak})`)
  }
}

test.group('Error pages', (group) => {
  isolated(group)

  test('an unknown URL is a French 404 page with the request id, for an anonymous visitor', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/nulle-part/ici').header('x-request-id', 'req-anon-404')
    response.assertStatus(404)
    const html = response.text()
    assert.include(html, '<html lang="fr">')
    assert.include(html, 'Page introuvable')
    assert.include(html, 'req-anon-404')
    assert.notInclude(html, 'Se déconnecter', 'no user menu for an anonymous visitor')
    assertNoInternals(assert, html, 'anonymous 404')
  })

  test('an unknown URL is the same page for a logged-in user', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['admin'])
    const response = await client
      .get('/nulle-part/ici')
      .header('x-request-id', 'req-user-404')
      .actingAs(user)
    response.assertStatus(404)
    const html = response.text()
    assert.include(html, 'Page introuvable')
    assert.include(html, 'req-user-404')
    assertNoInternals(assert, html, 'user 404')
  })

  test('a missing record is a French 404 page inside the layout of the user', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['admin'])
    const response = await client
      .get('/financements/financeurs/999999/modifier')
      .header('x-request-id', 'req-row-404')
      .actingAs(user)
    response.assertStatus(404)
    const html = response.text()
    assert.include(html, 'Page introuvable')
    assert.include(html, 'req-row-404')
    assert.include(html, 'Se déconnecter', 'the layout shows the user menu')
    assertNoInternals(assert, html, 'missing record')
  })

  test('every error page renders in the layout without a session or a user', async ({ assert }) => {
    for (const page of ['forbidden', 'not_found', 'client_error', 'server_error']) {
      const ctx = await testUtils.createHttpContext()
      ctx.request.request.headers['x-request-id'] = `req-${page}`
      const html = await ctx.view.render(`pages/errors/${page}`, { message: undefined })
      assert.include(html, '<html lang="fr">', page)
      assert.include(html, `req-${page}`, `${page} shows the request id`)
      assert.notInclude(html, 'Se déconnecter', page)
      assertNoInternals(assert, html, page)
    }
  })
})
