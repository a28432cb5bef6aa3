import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { routeWithId } from '#http/route_template'

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
