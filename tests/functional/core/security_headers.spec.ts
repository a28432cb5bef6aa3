import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { hstsFactory } from '@adonisjs/shield/guards'
import { cspHeaderValue, shieldConfigFor } from '#config/shield'
import { isolated, makeOrganisation, makeUser } from '#tests/helpers'

interface HeaderResponse {
  header(name: string): string | undefined
}

const FORBIDDEN_FEATURES = [
  'camera',
  'microphone',
  'geolocation',
  'payment',
  'usb',
  'interest-cohort',
  'browsing-topics',
]

/** The headers every HTML response carries, whoever asks and whatever the page. */
function assertSecurityHeaders(assert: any, response: HeaderResponse, where: string) {
  const csp = response.header('content-security-policy') ?? ''
  assert.isNotEmpty(csp, `${where}: Content-Security-Policy`)
  assert.notInclude(csp, '@', `${where}: an unresolved CSP keyword in "${csp}"`)
  const directives = new Map(
    csp.split(';').map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/)
      return [name, values] as const
    })
  )
  assert.deepEqual(directives.get('default-src'), [`'self'`], `${where}: default-src`)
  assert.deepEqual(directives.get('frame-ancestors'), [`'none'`], `${where}: frame-ancestors`)
  assert.deepEqual(directives.get('object-src'), [`'none'`], `${where}: object-src`)
  assert.notInclude(directives.get('script-src') ?? [], `'unsafe-inline'`, `${where}: script-src`)
  assert.equal(response.header('x-frame-options'), 'DENY', `${where}: X-Frame-Options`)
  assert.equal(response.header('x-content-type-options'), 'nosniff', `${where}: nosniff`)
  assert.equal(response.header('referrer-policy'), 'same-origin', `${where}: Referrer-Policy`)
  const permissions = response.header('permissions-policy') ?? ''
  for (const feature of FORBIDDEN_FEATURES) {
    assert.include(permissions, `${feature}=()`, `${where}: Permissions-Policy ${feature}`)
  }
  assert.isUndefined(
    response.header('strict-transport-security'),
    `${where}: HSTS outside production`
  )
}

test.group('Security headers', (group) => {
  isolated(group)

  test('the login page', async ({ client, assert }) => {
    const response = await client.get('/login')
    response.assertStatus(200)
    assertSecurityHeaders(assert, response, 'GET /login')
  })

  test('a page of a logged-in user', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['admin'])
    for (const url of ['/', '/admin/utilisateurs']) {
      const response = await client.get(url).actingAs(user)
      response.assertStatus(200)
      assertSecurityHeaders(assert, response, `GET ${url}`)
    }
  })

  test('an unknown URL, answered before any route middleware ran', async ({ client, assert }) => {
    const response = await client.get('/nulle-part/ici')
    response.assertStatus(404)
    assertSecurityHeaders(assert, response, 'GET /nulle-part/ici')
  })

  test('a redirect to the login page', async ({ client, assert }) => {
    const response = await client.get('/financements').redirects(0)
    response.assertStatus(302)
    assertSecurityHeaders(assert, response, 'GET /financements (anonymous)')
  })
})

test.group('Security headers: configuration per environment', () => {
  test('HSTS is sent in production only', async ({ assert }) => {
    const production = shieldConfigFor('production')
    assert.isTrue(production.hsts.enabled)
    const ctx = await testUtils.createHttpContext()
    await hstsFactory(production.hsts)(ctx)
    assert.equal(ctx.response.getHeader('strict-transport-security'), 'max-age=15552000')

    for (const environment of ['development', 'test']) {
      const config = shieldConfigFor(environment)
      assert.isFalse(config.hsts.enabled, environment)
      const other = await testUtils.createHttpContext()
      await hstsFactory(config.hsts)(other)
      assert.isUndefined(other.response.getHeader('strict-transport-security'), environment)
    }
  })

  test('the CSP of every environment names no keyword', ({ assert }) => {
    for (const environment of ['development', 'production', 'test']) {
      const directives = shieldConfigFor(environment).csp.directives as Record<string, string[]>
      for (const [name, values] of Object.entries(directives)) {
        for (const value of values) {
          assert.isFalse(value.startsWith('@'), `${environment} ${name}: ${value}`)
        }
      }
    }
    assert.include(cspHeaderValue(), `frame-ancestors 'none'`)
    assert.include(cspHeaderValue(), `default-src 'self'`)
  })
})
