import drive from '@adonisjs/drive/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import EvidenceFile from '#models/quality/evidence_file'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/** Removes an evidence file: its row, then the stored file once the row is gone. */
export default class RemoveEvidenceFile {
  static async handle(_tenant: Tenant, id: number, trx?: TransactionClientContract) {
    const evidence = await withTransaction(trx, async (t) => {
      const row = await EvidenceFile.findOrFail(id, { client: t })
      await row.delete()
      return row
    })
    await drive.use('quality').delete(evidence.storedName)
    return evidence
  }
}
