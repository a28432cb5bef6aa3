import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'

type PgConnection = {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>
}
type KnexClient = {
  acquireConnection(): Promise<PgConnection>
  releaseConnection(connection: PgConnection): Promise<unknown>
}
type Statement = { name: string; text: string; order: string[] }

const statements = new Map<string, Statement>()

/** `:name` bindings (the keys of `bindings` only, never `::type` casts) turned into `$1`… */
function statementOf(sql: string, keys: string[]): Statement {
  const order: string[] = []
  const text = keys.length
    ? sql.replace(new RegExp(`(?<!:):(${keys.join('|')})\\b`, 'g'), (_, key: string) => {
        let index = order.indexOf(key)
        if (index < 0) index = order.push(key) - 1
        return `$${index + 1}`
      })
    : sql
  const name = `socle_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
  return { name, text, order }
}

/** knex's `?` placeholders as PostgreSQL's `$1`…, for a text that holds no other `?`. */
export function numberedPlaceholders(sql: string) {
  let index = 0
  return sql.replace(/\?/g, () => `$${++index}`)
}

/**
 * A query PostgreSQL keeps prepared on each connection (node-pg's named statements): parsed and
 * planned once per connection instead of at every call. For the statements that every request,
 * or a main page's every view, sends and whose planning costs PostgreSQL more than running them
 * (ADR 12). The text must be fixed (no values spliced in); values are `$1`… with an array, or
 * `:name` with an object. Runs on the connection Lucid would use, so inside a transaction
 * (tests' global transaction included) it sees what that transaction sees.
 */
export async function preparedRows<Row>(
  sql: string,
  bindings: unknown[] | Record<string, unknown>
): Promise<Row[]> {
  const named = !Array.isArray(bindings)
  const keys = named ? Object.keys(bindings).sort() : []
  const cacheKey = `${keys.join(',')}\n${sql}`
  let statement = statements.get(cacheKey)
  if (!statement) {
    statement = statementOf(sql, keys)
    statements.set(cacheKey, statement)
  }
  const values = named
    ? statement.order.map((key) => (bindings as Record<string, unknown>)[key])
    : (bindings as unknown[])
  const knex = db.connection().getWriteClient() as unknown as {
    client: KnexClient
    emit?: (event: 'query', query: { sql: string; bindings: unknown[] }) => void
  }
  // Seen by whoever listens to knex's queries (the query budgets of page_queries.spec.ts).
  knex.emit?.('query', { sql: statement.text, bindings: values })
  const client = knex.client
  const connection = await client.acquireConnection()
  try {
    const result = await connection.query({ name: statement.name, text: statement.text, values })
    return result.rows as Row[]
  } finally {
    await client.releaseConnection(connection)
  }
}
