import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import EvidenceLink from '#models/quality/evidence_link'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/** Removes an evidence link from its criterion. */
export default class RemoveEvidenceLink {
  static handle(_tenant: Tenant, id: number, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const link = await EvidenceLink.findOrFail(id, { client: t })
      await link.delete()
      return link
    })
  }
}
