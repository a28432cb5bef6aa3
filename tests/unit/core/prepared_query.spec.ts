import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { preparedRows } from '#support/prepared_query'

test.group('Prepared statements (#support/prepared_query)', () => {
  test('named bindings become $n in order, casts and other colons stay', async ({ assert }) => {
    const sql = `SELECT :b::int AS b, :a::text AS a, :b::int + 1 AS c, '12:30' AS t, to_char(date '2023-01-02', 'HH24:MI') AS h`
    const [row] = await preparedRows<Record<string, unknown>>(sql, { a: 'x', b: 41 })
    assert.deepEqual(row, { b: 41, a: 'x', c: 42, t: '12:30', h: '00:00' })
    // Again, from the statement kept on the connection, with other values.
    const [again] = await preparedRows<Record<string, unknown>>(sql, { b: 1, a: 'y' })
    assert.deepEqual(again, { b: 1, a: 'y', c: 2, t: '12:30', h: '00:00' })
  })

  test('it runs on the connection Lucid would use: inside a global transaction, sees its rows', async ({
    assert,
  }) => {
    const count = () => preparedRows<{ n: number }>(`SELECT count(*)::int AS n FROM probe_rows`, [])
    await db.rawQuery('CREATE TABLE probe_rows (id int)')
    try {
      const rollback = await testUtils.db().withGlobalTransaction()
      await db.rawQuery('INSERT INTO probe_rows VALUES (1), (2)')
      assert.equal((await count())[0].n, 2)
      await rollback()
      assert.equal((await count())[0].n, 0)
    } finally {
      await db.rawQuery('DROP TABLE probe_rows')
    }
  })
})
