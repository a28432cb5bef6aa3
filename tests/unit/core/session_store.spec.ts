import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { SessionTable } from '#http/session_store'
import { isolated } from '#tests/helpers'

/** The sessions table store (#http/session_store): the framework's, touching once a minute. */

const expiryOf = async (id: string) =>
  new Date((await db.from('sessions').where('id', id).first()).expires_at).getTime()

test.group('Session store in PostgreSQL', (group) => {
  isolated(group)

  test('writes, reads back, and refuses data signed for another session', async ({ assert }) => {
    await new SessionTable(db.connection(), '1h').write('s-1', { auth_web: 7, note: 'l’été' })
    assert.deepEqual(await new SessionTable(db.connection(), '1h').read('s-1'), {
      auth_web: 7,
      note: 'l’été',
    })
    const row = await db.from('sessions').where('id', 's-1').first()
    await db.table('sessions').insert({ id: 's-2', data: row.data, expires_at: row.expires_at })
    assert.isNull(await new SessionTable(db.connection(), '1h').read('s-2'))
    assert.isNull(await new SessionTable(db.connection(), '1h').read('absent'))
  })

  test('a request within a minute of the last move leaves the row alone; later ones move it', async ({
    assert,
  }) => {
    await new SessionTable(db.connection(), '1h').write('s-3', { auth_web: 1 })
    const written = await expiryOf('s-3')

    const soon = new SessionTable(db.connection(), '1h')
    await soon.read('s-3')
    await soon.touch('s-3')
    assert.equal(await expiryOf('s-3'), written)

    // Two minutes later (the stored expiry is two minutes older): moved to an hour from now.
    await db
      .from('sessions')
      .where('id', 's-3')
      .update({ expires_at: new Date(written - 120_000) })
    const later = new SessionTable(db.connection(), '1h')
    await later.read('s-3')
    const before = Date.now()
    await later.touch('s-3')
    assert.isAtLeast(await expiryOf('s-3'), before + 3_600_000 - 1000)
  })

  test('an expired session is removed when read, and destroy removes it', async ({ assert }) => {
    await new SessionTable(db.connection(), '1h').write('s-4', { auth_web: 1 })
    await db
      .from('sessions')
      .where('id', 's-4')
      .update({ expires_at: new Date(Date.now() - 1000) })
    assert.isNull(await new SessionTable(db.connection(), '1h').read('s-4'))
    assert.isNull(await db.from('sessions').where('id', 's-4').first())

    await new SessionTable(db.connection(), '1h').write('s-5', { auth_web: 1 })
    await new SessionTable(db.connection(), '1h').destroy('s-5')
    assert.isNull(await db.from('sessions').where('id', 's-5').first())
  })
})
