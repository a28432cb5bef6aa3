import db from '@adonisjs/lucid/services/db'

export type DatabaseHealth = { status: 'ok'; latencyMs: number } | { status: 'error' }

/**
 * Whether the database answers, and how fast (the health check, which runs for no
 * organisation: it reads no table).
 */
export async function databaseHealth(): Promise<DatabaseHealth> {
  const started = process.hrtime.bigint()
  try {
    await db.rawQuery('SELECT 1')
    return { status: 'ok', latencyMs: Number(process.hrtime.bigint() - started) / 1e6 }
  } catch {
    return { status: 'error' }
  }
}
