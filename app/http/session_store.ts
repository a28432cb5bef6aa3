import { configProvider } from '@adonisjs/core'
import { MessageBuilder } from '@adonisjs/core/helpers'
import string from '@adonisjs/core/helpers/string'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { SessionData, SessionStoreContract } from '@adonisjs/session/types'
import { preparedRows } from '#support/prepared_query'

/** The idle expiry is moved forward when it has moved by more than this since the last write. */
const TOUCH_EVERY_MS = 60_000

/**
 * Sessions in PostgreSQL (table `sessions`), as @adonisjs/session's database store keeps them
 * (same columns, same signed data), except that a request that changes nothing in the session
 * moves its idle expiry at most once a minute instead of writing the row at every request: the
 * write, and its commit's WAL flush, was a large part of a page under load (ADR 12). The idle
 * timeout is therefore exact to the minute. Revocation is unchanged: the row is read at every
 * request, and deleting it ends the session at the next one.
 */
export class SessionTable implements SessionStoreContract {
  /** Expiry of the row read by this request (the store lives for one request). */
  #expiresAt: number | null = null
  readonly #ttlMs: number

  constructor(
    private client: QueryClientContract,
    age: string | number
  ) {
    this.#ttlMs = string.seconds.parse(age) * 1000
  }

  async read(sessionId: string): Promise<SessionData | null> {
    // Prepared: read at every request (ADR 12).
    const [row] = await preparedRows<{ data: string; expires_at: Date }>(
      'SELECT data, expires_at FROM sessions WHERE id = $1',
      [sessionId]
    )
    if (!row) return null
    const expiresAt = new Date(row.expires_at).getTime()
    if (Date.now() > expiresAt) {
      await this.destroy(sessionId)
      return null
    }
    this.#expiresAt = expiresAt
    try {
      return new MessageBuilder().verify<SessionData>(row.data, sessionId)
    } catch {
      return null
    }
  }

  async write(sessionId: string, values: SessionData) {
    const data = new MessageBuilder().build(values, undefined, sessionId)
    const expiresAt = new Date(Date.now() + this.#ttlMs)
    await this.client
      .insertQuery()
      .table('sessions')
      .insert({ id: sessionId, data, expires_at: expiresAt })
      .knexQuery.onConflict('id')
      .merge(['data', 'expires_at'])
    this.#expiresAt = expiresAt.getTime()
    // Expired rows go away now and then, as with the framework's store (2 % of writes).
    if (Math.random() < 0.02) {
      await this.client.from('sessions').where('expires_at', '<=', new Date()).delete()
    }
  }

  async destroy(sessionId: string) {
    await this.client.from('sessions').where('id', sessionId).delete()
    this.#expiresAt = null
  }

  async touch(sessionId: string) {
    const now = Date.now()
    if (this.#expiresAt !== null && now + this.#ttlMs - this.#expiresAt < TOUCH_EVERY_MS) return
    await this.client
      .from('sessions')
      .where('id', sessionId)
      .update({ expires_at: new Date(now + this.#ttlMs) })
  }
}

/** The `database` session store of config/session.ts. */
export function sessionTable() {
  return configProvider.create(async (app) => {
    const db = await app.container.make('lucid.db')
    return (_ctx: unknown, config: { age: string | number }) =>
      new SessionTable(db.connection(), config.age)
  })
}
