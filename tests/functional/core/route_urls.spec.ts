import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { routeUrl, routeWithId } from '#http/route_urls'

test.group('route() in templates (#http/route_urls)', () => {
  test('every named route gives the URL the framework gives, with parameters and a query string', ({
    assert,
  }) => {
    const routes = Object.values(router.toJSON()).flat()
    const named = routes.filter((route) => route.name)
    assert.isAbove(named.length, 100)
    for (const route of named) {
      const params = Object.fromEntries(
        route.tokens.filter((token) => token.type !== 0).map((token) => [token.val, 'x 42'])
      )
      const options = { qs: { annee: 2023, q: 'é&=' } }
      assert.equal(
        routeUrl(route.name!, params, options),
        router.makeUrl(route.name!, params, options),
        route.name
      )
      // Twice: the second answer comes from the route kept for the name.
      assert.equal(routeUrl(route.name!, params), router.makeUrl(route.name!, params))
    }
  })

  test('an unknown name fails as with the framework', ({ assert }) => {
    assert.throws(() => routeUrl('no.such.route'), 'Cannot lookup route "no.such.route"')
  })
})

test.group('routeWithId builds the URL route() builds', () => {
  test('same URL for each id, twice (the second from the kept template)', ({ assert }) => {
    for (const id of [1, 42, 987654]) {
      for (let i = 0; i < 2; i++) {
        assert.equal(
          routeWithId('hr.personal.employees.show', id),
          urlFor('hr.personal.employees.show', { id })
        )
        assert.equal(
          routeWithId('governance.write.seats.bureau', id),
          urlFor('governance.write.seats.bureau', { id })
        )
      }
    }
  })

  test('refuses a route without an :id parameter', ({ assert }) => {
    assert.throws(() => routeWithId('hr.personal.employees', 1), /:id/)
  })
})
