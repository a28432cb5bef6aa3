import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { ROLES, ROLE_MATRIX, type Permission, type Role } from '#policies/role_matrix'
import { isolated, makeOrganisation, makeUser } from '#tests/helpers'

const PUBLIC = new Set([
  'GET /login',
  'POST /login',
  'GET /health',
  'GET /bienvenue/:token',
  'POST /bienvenue/:token',
])

interface WalkedRoute {
  method: string
  pattern: string
  permission: Permission | null
  authenticated: boolean
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
      return (route.methods as string[])
        .filter((method) => method !== 'HEAD')
        .map((method) => ({ method, pattern: route.pattern as string, permission, authenticated }))
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
      assert.isTrue(route.authenticated, `${key} must require a login`)
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
      assert.equal(response.status(), 302, `${key} answered ${response.status()}`)
      assert.equal(response.header('location'), '/login', `${key} redirected elsewhere`)
    }
  })

  test('each role gets exactly what the matrix allows')
    .with([...ROLES])
    .run(async ({ client, assert }, role: Role) => {
      const organisation = await makeOrganisation()
      const user = await makeUser(organisation, [role])
      for (const route of walkRoutes()) {
        if (!route.permission) continue
        const key = `${route.method} ${route.pattern}`
        const allowed = (ROLE_MATRIX[route.permission] as readonly Role[]).includes(role)
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
})
