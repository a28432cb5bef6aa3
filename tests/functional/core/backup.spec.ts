import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { backupDatabase, restoreDatabase, RestoreError } from '#actions/core/backup'
import { demoOrganisation, makeOrganisation, makeUser } from '#tests/helpers'

async function dataTables() {
  const { rows } = await db.rawQuery(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name NOT IN ('adonis_schema', 'adonis_schema_versions', 'sessions', 'rate_limits') ORDER BY 1`
  )
  return rows.map((row: { table_name: string }) => row.table_name) as string[]
}

async function fingerprint() {
  const result: Record<string, string> = {}
  for (const table of await dataTables()) {
    const { rows } = await db.rawQuery(
      `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${table}" t`
    )
    result[table] = `${rows[0].n}:${rows[0].h}`
  }
  return result
}

async function wipe() {
  const tables = await dataTables()
  await db.rawQuery(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`)
}

// Backups read committed data through their own connection: no global transaction here.
test.group('Backup and restore', (group) => {
  let folder: string
  group.setup(async () => {
    folder = await mkdtemp(join(tmpdir(), 'socle-backup-'))
    // Other tests share committed data (the demo): seed it now, put it back afterwards.
    await demoOrganisation()
    const everything = join(folder, 'everything.jsonl.gz')
    await backupDatabase(everything)
    return async () => {
      await wipe()
      await restoreDatabase(everything)
      await rm(folder, { recursive: true, force: true })
    }
  })

  test('a backup restored into an empty database gives back every row', async ({ assert }) => {
    // The whole demo: validated (immutable) ledger entries, generated columns, every domain.
    await demoOrganisation()
    const organisation = await makeOrganisation('Sauvegarde')
    await makeUser(organisation, ['admin'])
    await makeUser(organisation, ['finance'])
    const before = await fingerprint()
    const path = join(folder, 'backup.jsonl.gz')
    const counts = await backupDatabase(path)
    assert.isAbove(counts.entry_lines, 10_000)
    assert.isAbove(counts.users, 2)

    await wipe()
    assert.notDeepEqual(await fingerprint(), before)
    await restoreDatabase(path)
    assert.deepEqual(await fingerprint(), before)

    // Sequences continue after the restored ids.
    const next = await makeOrganisation('Après restauration')
    assert.isAbove(next.id, organisation.id)
  })

  test('a restore into a database that is not empty is refused and changes nothing', async ({
    assert,
  }) => {
    await wipe()
    const organisation = await makeOrganisation('Déjà là')
    const path = join(folder, 'other.jsonl.gz')
    await backupDatabase(path)
    const before = await fingerprint()
    await assert.rejects(() => restoreDatabase(path), RestoreError)
    assert.deepEqual(await fingerprint(), before)
    assert.isTrue(organisation.id > 0)
  })
})
