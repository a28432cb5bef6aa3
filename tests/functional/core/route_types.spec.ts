import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import router from '@adonisjs/core/services/router'
import app from '@adonisjs/core/services/app'

/**
 * `.adonisjs/server/routes.d.ts` types `route()` and `toRoute()`; it is committed so that the
 * type-check of a fresh clone knows every route name. Regenerate it with
 * `NODE_ENV=test node ace codegen` when routes change: this test says when it is stale.
 */
test.group('Route types', () => {
  test('the committed route types name exactly the routes of the router', async ({ assert }) => {
    const typed = await readFile(app.makePath('.adonisjs/server/routes.d.ts'), 'utf8')
    const block = typed.slice(
      typed.indexOf('ALL: {'),
      typed.indexOf('\n  }', typed.indexOf('ALL: {'))
    )
    const inTypes = [...block.matchAll(/^\s+'([^']+)': \{/gm)].map((m) => m[1]).sort()
    const domains = router.toJSON() as Record<string, Array<{ name?: string }>>
    const named = [
      ...new Set(
        Object.values(domains)
          .flat()
          .map((route) => route.name)
          .filter((name): name is string => !!name)
      ),
    ].sort()
    assert.isAbove(named.length, 100)
    assert.deepEqual(inTypes, named, 'run `NODE_ENV=test node ace codegen` and commit the file')
  })

  // The route tables (start/routes/table.ts) name controllers as text: the compiler no longer
  // checks that the method exists, this test does, for every route.
  test('every route names a controller method that exists', async ({ assert }) => {
    const domains = router.toJSON() as Record<
      string,
      Array<{ name?: string; handler: { importExpression?: string | null; method?: string } }>
    >
    const missing: string[] = []
    let checked = 0
    for (const route of Object.values(domains).flat()) {
      const { importExpression, method } = route.handler
      const module = importExpression?.match(/#controllers\/[\w/]+/)?.[0]
      if (!module || !method) continue
      const { default: controller } = await import(module)
      // A method, or a handler field set by the constructor (as the router calls it).
      const instance = (await app.container.make(controller)) as Record<string, unknown>
      checked++
      if (typeof instance[method] !== 'function') {
        missing.push(`${route.name}: ${module}.${method}`)
      }
    }
    assert.isAbove(checked, 250)
    assert.deepEqual(missing, [])
  }).timeout(120_000) // loads every controller
})
