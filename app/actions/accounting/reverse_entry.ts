import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { reverseEntry } from '#actions/accounting/drafts'

/** Reverses a validated entry by a new validated entry, debit and credit swapped. */
export default class ReverseEntry {
  static handle(
    _tenant: Tenant,
    input: { id: number; date?: string },
    trx?: TransactionClientContract
  ) {
    return reverseEntry(input.id, { date: input.date }, trx)
  }
}
