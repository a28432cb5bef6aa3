import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { ROLES, ROLE_MATRIX, type Permission, type Role } from '#policies/role_matrix'
import { isolated, makeOrganisation, makeUser } from '#tests/helpers'
import { apiGet, tokenFor } from '#tests/functional/api/tokens'

/** Routes anyone may reach, each with the reason. */
const PUBLIC_ROUTES: Record<string, string> = {
  'GET /login': 'the login form',
  'POST /login': 'logging in',
  'GET /health': 'the health check of the reverse proxy and monitoring',
  'GET /bienvenue/:token':
    'a welcome or invitation link: its random single-use token is the credential',
  'POST /bienvenue/:token': 'choosing a first password through that link',
  'GET /mot-de-passe-oublie': 'the forgotten-password form: its owner cannot log in',
  'POST /mot-de-passe-oublie':
    'asking for a reset link: same answer for every address, rate-limited per address and IP',
  'GET /mot-de-passe-oublie/:token': 'a reset link: its random single-use token is the credential',
  'POST /mot-de-passe-oublie/:token': 'choosing a new password through that link',
  'GET /installation':
    'the setup form of an empty instance: nobody can log in before an organisation exists; 404 once one does',
  'POST /installation':
    'creating the first organisation: the setup token printed in the server log is the credential',
  'GET /api/v1/openapi.json':
    'the description of the JSON API: its routes and schemas, nothing of any organisation',
}
const PUBLIC = new Set(Object.keys(PUBLIC_ROUTES))

interface WalkedRoute {
  method: string
  pattern: string
  permission: Permission | null
  authenticated: boolean
  /** A route of the JSON API: a personal access token instead of a session (see below). */
  tokenGuarded: boolean
}

/** Every registered route with the permission its `permit` middleware declares. */
function walkRoutes(): WalkedRoute[] {
  const domains = router.toJSON() as Record<string, any[]>
  return Object.values(domains)
    .flat()
    .flatMap((route) => {
      const middleware = [...route.middleware.all()] as Array<{
        name?: string
        args?: { permission?: Permission }
      }>
      const permission = middleware.find((m) => m.name === 'permit')?.args?.permission ?? null
      const authenticated = middleware.some((m) => m.name === 'auth')
      const tokenGuarded = middleware.some((m) => m.name === 'apiToken')
      return (route.methods as string[])
        .filter((method) => method !== 'HEAD')
        .map((method) => ({
          method,
          pattern: route.pattern as string,
          permission,
          authenticated,
          tokenGuarded,
        }))
    })
}

function concrete(pattern: string) {
  // An id that matches no record: the walk checks permissions, it must not edit real rows.
  return pattern.replace(/:[^/]+/g, '999999').replace(/\*/g, 'x')
}

test.group('Route walk', (group) => {
  isolated(group)

  test('every route is public, or needs a login and declares a permission of the matrix', ({
    assert,
  }) => {
    const routes = walkRoutes()
    assert.isAbove(routes.length, 5)
    for (const route of routes) {
      const key = `${route.method} ${route.pattern}`
      if (PUBLIC.has(key) || route.pattern.startsWith('/assets')) continue
      if (route.pattern.startsWith('/api/')) {
        // The JSON API: a token, never the session (its own section below).
        assert.isTrue(route.tokenGuarded && !route.authenticated, `${key} must require a token`)
        assert.equal(route.method, 'GET', `${key}: the API is read-only`)
      } else {
        assert.isFalse(route.tokenGuarded, `${key}: a token guard outside /api`)
        assert.isTrue(route.authenticated, `${key} must require a login`)
      }
      if (key === 'POST /logout') continue
      assert.isNotNull(route.permission, `${key} must declare a permission`)
      assert.isTrue(route.permission! in ROLE_MATRIX, `${key}: unknown permission`)
    }
  })

  test('anonymous requests are sent to the login page', async ({ client, assert }) => {
    for (const route of walkRoutes()) {
      const key = `${route.method} ${route.pattern}`
      if (PUBLIC.has(key)) continue
      const response = await client
        .request(concrete(route.pattern), route.method as 'GET')
        .withCsrfToken()
        .redirects(0)
      if (route.tokenGuarded) {
        // A script has no login page to go to: 401 in JSON.
        assert.equal(response.status(), 401, `${key} answered ${response.status()}`)
        assert.isString(response.body().error, `${key} gave no French message`)
        continue
      }
      assert.equal(response.status(), 302, `${key} answered ${response.status()}`)
      assert.equal(response.header('location'), '/login', `${key} redirected elsewhere`)
    }
  }).timeout(600000)

  test('each role gets exactly what the matrix allows')
    .with([...ROLES])
    .run(async ({ client, assert }, role: Role) => {
      const organisation = await makeOrganisation()
      const user = await makeUser(organisation, [role])
      for (const route of walkRoutes()) {
        if (!route.permission) continue
        const key = `${route.method} ${route.pattern}`
        const allowed = (ROLE_MATRIX[route.permission] as readonly Role[]).includes(role)
        if (route.tokenGuarded) {
          // A session cookie does not authenticate the JSON API (the tokens' walk is below).
          const response = await client.get(concrete(route.pattern)).actingAs(user).redirects(0)
          assert.equal(response.status(), 401, `${role}'s session must not open ${key}`)
          continue
        }
        const response = await client
          .request(concrete(route.pattern), route.method as 'GET')
          .actingAs(user)
          .withCsrfToken()
          .redirects(0)
        if (allowed) {
          assert.notEqual(response.status(), 403, `${role} should reach ${key}`)
          assert.isBelow(response.status(), 500, `${key} failed for ${role}`)
          const text = typeof response.text() === 'string' ? response.text() : ''
          // An unknown Edge tag is printed as text (and its @end closes the wrong block).
          assert.notMatch(text, /^\s*@!?[a-zA-Z_.]+\(/m, `${key} shows an unknown Edge tag`)
          assert.notEqual(response.header('location'), '/login', `${role} was logged out by ${key}`)
        } else {
          assert.equal(
            response.status(),
            403,
            `${role} must get 403 on ${key}, got ${response.status()}`
          )
        }
      }
    })
    // A walk of every route: its length grows with the routes, not with a wait.
    .timeout(600000)
})

/**
 * The JSON API (/api/v1, start/routes/api.ts) is guarded by personal access tokens, not by the
 * session: a script has no cookie and no login page. Each role's token gets exactly what the
 * matrix allows (the token carries its owner's roles); without a token, 401 (above).
 */
test.group('Route walk | JSON API with tokens', (group) => {
  isolated(group)

  test('each role’s token gets exactly what the matrix allows')
    .with([...ROLES])
    .run(async ({ client, assert }, role: Role) => {
      const organisation = await makeOrganisation()
      const token = await tokenFor(await makeUser(organisation, [role]))
      const routes = walkRoutes().filter((route) => route.tokenGuarded)
      assert.isAbove(routes.length, 5)
      for (const route of routes) {
        const key = `${route.method} ${route.pattern}`
        const allowed = (ROLE_MATRIX[route.permission!] as readonly Role[]).includes(role)
        const response = await apiGet(client, `${concrete(route.pattern)}?annee=2023`, token.value)
        if (allowed) {
          // A new organisation has no 2023 fiscal year: 404, never 403 nor 5xx.
          assert.notEqual(response.status(), 403, `${role}'s token should reach ${key}`)
          assert.isBelow(response.status(), 500, `${key} failed for ${role}`)
        } else {
          assert.equal(response.status(), 403, `${role}'s token must get 403 on ${key}`)
        }
      }
    })
    .timeout(600000)
})
