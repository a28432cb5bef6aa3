import { createReadStream, createWriteStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { createGunzip, createGzip } from 'node:zlib'
import pg from 'pg'
import { connectionSlot } from '#support/database_server'

/**
 * Logical backup that works on the embedded server too (it ships no pg_dump): every table's
 * rows as JSON produced by PostgreSQL itself (exact numerics and dates), read in ONE
 * repeatable-read transaction so the copy is consistent, streamed to a gzip file of JSON lines.
 * Restore needs the same migrations applied to an empty database.
 */
const SKIPPED = new Set(['adonis_schema', 'adonis_schema_versions', 'sessions', 'rate_limits'])
const BATCH = 5000

async function client() {
  const connection = new pg.Client({ ...connectionSlot })
  await connection.connect()
  return connection
}

async function tableNames(connection: pg.Client) {
  const { rows } = await connection.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`
  )
  return rows.map((row) => row.table_name as string).filter((name) => !SKIPPED.has(name))
}

async function migrations(connection: pg.Client) {
  const { rows } = await connection.query('SELECT name FROM adonis_schema ORDER BY name')
  return rows.map((row) => row.name as string)
}

export async function backupDatabase(path: string) {
  const connection = await client()
  const counts: Record<string, number> = {}
  try {
    await connection.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const tables = await tableNames(connection)
    const header = {
      format: 'socle-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      migrations: await migrations(connection),
      tables,
    }
    async function* lines() {
      yield JSON.stringify(header) + '\n'
      for (const table of tables) {
        counts[table] = 0
        yield JSON.stringify({ table }) + '\n'
        await connection.query(
          `DECLARE backup_cursor NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM "${table}" t`
        )
        while (true) {
          const { rows } = await connection.query(`FETCH ${BATCH} FROM backup_cursor`)
          if (rows.length === 0) break
          counts[table] += rows.length
          yield rows.map((row) => row.j).join('\n') + '\n'
        }
        await connection.query('CLOSE backup_cursor')
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(path))
    await connection.query('COMMIT')
  } finally {
    await connection.end()
  }
  return counts
}

export class RestoreError extends Error {}

export async function restoreDatabase(path: string) {
  const connection = await client()
  const counts: Record<string, number> = {}
  try {
    let header: { format: string; migrations: string[]; tables: string[] } | null = null
    let table: string | null = null
    let batch: string[] = []
    const columnLists = new Map<string, string>()
    // Generated columns are computed again by PostgreSQL; identity columns keep their values.
    const columnsOf = async (name: string) => {
      if (!columnLists.has(name)) {
        const { rows } = await connection.query(
          `SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'
            ORDER BY ordinal_position`,
          [name]
        )
        columnLists.set(name, rows.map((row) => `"${row.column_name}"`).join(', '))
      }
      return columnLists.get(name)!
    }
    const flush = async () => {
      if (!table || batch.length === 0) return
      const columns = await columnsOf(table)
      await connection.query(
        `INSERT INTO "${table}" (${columns}) OVERRIDING SYSTEM VALUE
         SELECT ${columns} FROM json_populate_recordset(null::"${table}", $1::json)`,
        [`[${batch.join(',')}]`]
      )
      counts[table] += batch.length
      batch = []
    }
    await connection.query('BEGIN')
    // Created right before iterating: lines emitted with no iterator attached would be lost.
    const reader = createInterface({
      input: createReadStream(path).pipe(createGunzip()),
      crlfDelay: Infinity,
    })
    for await (const line of reader) {
      if (!line) continue
      if (!header) {
        header = JSON.parse(line)
        if (header?.format !== 'socle-backup')
          throw new RestoreError("Ce fichier n'est pas une sauvegarde Socle.")
        const current = await migrations(connection)
        if (JSON.stringify(current) !== JSON.stringify(header.migrations)) {
          throw new RestoreError(
            'La base cible n’a pas les mêmes migrations que la sauvegarde : lancez `node ace migration:run` à la même version.'
          )
        }
        for (const name of header.tables) {
          const { rows } = await connection.query(`SELECT EXISTS (SELECT 1 FROM "${name}") AS used`)
          if (rows[0].used) throw new RestoreError(`La base cible n'est pas vide (table ${name}).`)
        }
        // Rows go back exactly as they were: no trigger (ledger immutability, audit) and no
        // foreign-key ordering while loading.
        await connection.query('SET LOCAL session_replication_role = replica')
        continue
      }
      if (line.startsWith('{"table":')) {
        await flush()
        table = JSON.parse(line).table
        counts[table!] = 0
        continue
      }
      batch.push(line)
      if (batch.length >= BATCH) await flush()
    }
    await flush()
    for (const name of header?.tables ?? []) {
      const { rows } = await connection.query(
        `SELECT column_name FROM information_schema.columns
          WHERE table_name = $1 AND column_default LIKE 'nextval%'`,
        [name]
      )
      for (const { column_name: column } of rows) {
        await connection.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max("${column}") FROM "${name}"), 0) + 1, false)`,
          [name, column]
        )
      }
    }
    await connection.query('COMMIT')
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    await connection.end()
  }
  return counts
}
