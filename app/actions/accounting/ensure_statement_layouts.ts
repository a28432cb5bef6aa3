import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { seedStatementLayouts } from '#actions/accounting/seed_statement_layouts'

/**
 * Writes the standard statement layouts for an organisation that has none yet (organisations
 * created before layouts existed get them on their first visit to the statements).
 */
export default class EnsureStatementLayouts {
  static async handle(tenant: Tenant, _input: object = {}, trx?: TransactionClientContract) {
    const organisationId = tenant.organisationId
    const existing = await (trx ?? db)
      .from('statement_layouts')
      .where('organisation_id', organisationId)
      .first()
    if (existing) return
    await withTransaction(trx, (t) => seedStatementLayouts(organisationId, t))
  }
}
