import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { UploadedFile } from '#support/uploaded_file'
import { storeDocument } from '#actions/grants/documents'
import { lockGrant } from '#actions/grants/conventions'

/** Stores a signed convention (or another document) with the convention. */
export default class AttachGrantDocument {
  static handle(
    _tenant: Tenant,
    input: { grantId: number; file: UploadedFile },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) =>
      storeDocument(await lockGrant(input.grantId, t), input.file, t)
    )
  }
}
