import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Actions own their transaction unless they are given one (docs/architecture.md, "Actions"):
 * `withTransaction(trx, (t) => ...)` runs in the caller's transaction when there is one, in a
 * new one otherwise, and translates nothing: refusals stay domain errors.
 */
export function withTransaction<T>(
  trx: TransactionClientContract | undefined,
  work: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  return trx ? work(trx) : db.transaction(work)
}
