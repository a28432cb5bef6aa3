import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import Entry from '#models/accounting/entry'
import { deleteDraft } from '#actions/accounting/drafts'

/**
 * Deletes a draft entry: an unknown entry is a 404, a validated one is refused (it is reversed
 * instead).
 */
export default class DeleteDraftEntry {
  static async handle(_tenant: Tenant, input: { id: number }, trx?: TransactionClientContract) {
    await Entry.findOrFail(input.id, { client: trx })
    return deleteDraft(input.id, trx)
  }
}
