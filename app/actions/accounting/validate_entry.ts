import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { validateEntry } from '#actions/accounting/ledger'

/**
 * Validates a draft: numbered in its journal and sealed in the hash chain. A draft changed since
 * the page was loaded (`version`) is a conflict.
 */
export default class ValidateEntry {
  static handle(
    _tenant: Tenant,
    input: { id: number; version?: number },
    trx?: TransactionClientContract
  ) {
    return validateEntry(input.id, { expectedVersion: input.version, trx })
  }
}
