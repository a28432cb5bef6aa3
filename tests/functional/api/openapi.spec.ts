import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import type { Permission } from '#policies/role_matrix'
import { isolated } from '#tests/helpers'

/**
 * GET /api/v1/openapi.json is public and describes exactly the /api/v1 routes of the router,
 * each with the permission its route declares and the bearer token it needs.
 */

interface ApiRoute {
  path: string
  methods: string[]
  permission: Permission | null
  tokenGuarded: boolean
}

function apiRoutes(): ApiRoute[] {
  const domains = router.toJSON() as Record<string, any[]>
  return Object.values(domains)
    .flat()
    .filter((route) => (route.pattern as string).startsWith('/api/'))
    .map((route) => {
      const middleware = [...route.middleware.all()] as Array<{
        name?: string
        args?: { permission?: Permission }
      }>
      return {
        path: (route.pattern as string).replace(/:([^/]+)/g, '{$1}'),
        methods: (route.methods as string[])
          .filter((m) => m !== 'HEAD')
          .map((m) => m.toLowerCase()),
        permission: middleware.find((m) => m.name === 'permit')?.args?.permission ?? null,
        tokenGuarded: middleware.some((m) => m.name === 'apiToken'),
      }
    })
}

test.group('API | OpenAPI description', (group) => {
  isolated(group)

  test('is public JSON, OpenAPI 3.1', async ({ client, assert }) => {
    const response = await client.get('/api/v1/openapi.json').redirects(0)
    response.assertStatus(200)
    assert.match(String(response.header('content-type')), /application\/json/)
    assert.equal(response.body().openapi, '3.1.0')
    assert.equal(response.body().components.securitySchemes.jeton.scheme, 'bearer')
  })

  test('lists every /api/v1 route of the router, and nothing else', async ({ client, assert }) => {
    const { paths } = (await client.get('/api/v1/openapi.json')).body() as {
      paths: Record<string, Record<string, { 'x-permission'?: string; 'security': unknown[] }>>
    }
    const routes = apiRoutes()
    assert.isAbove(routes.length, 8)
    const described = Object.entries(paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m} ${path}`))
      .sort()
    const registered = routes.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)).sort()
    assert.deepEqual(described, registered)
    for (const route of routes) {
      const operation = paths[route.path].get
      if (route.path === '/api/v1/openapi.json') {
        assert.isFalse(route.tokenGuarded)
        assert.deepEqual(operation.security, [])
        continue
      }
      assert.isTrue(route.tokenGuarded, `${route.path} needs a token`)
      assert.equal(operation['x-permission'], route.permission, route.path)
      assert.deepEqual(operation.security, [{ jeton: [] }], route.path)
    }
  })
})
