import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ImportRecord from '#models/core/import_record'
import type { Tenant } from '#support/request_context'
import {
  DSN_IMPORT_KIND,
  fileFacts,
  journalIssues,
  keepDsnCopy,
  readDsn,
} from '#imports/hr/dsn/stored_file'

/**
 * Step 1 of a DSN import: reads and checks the whole file against the register, records the
 * import in the journal as 'previewed' (a copy kept for the commit) or 'rejected' (its issues
 * with line and rubric). Writes nothing in the register.
 */
export default class PreviewDsn {
  static async handle(
    tenant: Tenant,
    input: { path: string; fileName: string },
    trx?: TransactionClientContract
  ) {
    const { sha256, size } = await fileFacts(input.path)
    const { plan, issues } = await readDsn(
      input.path,
      tenant.organisationId,
      trx ?? db.connection()
    )
    const record = await ImportRecord.create(
      {
        organisationId: tenant.organisationId,
        userId: tenant.userId,
        kind: DSN_IMPORT_KIND,
        fileName: input.fileName.slice(0, 255),
        sha256,
        sizeBytes: size,
        status: plan ? 'previewed' : 'rejected',
        rowsTotal: plan?.declaration.individuals.length ?? 0,
        rowsValid: plan?.declaration.individuals.length ?? 0,
        rowsRejected: 0,
        errors: plan ? null : journalIssues(issues),
      },
      { client: trx }
    )
    if (plan) await keepDsnCopy(input.path, record)
    return record
  }
}
