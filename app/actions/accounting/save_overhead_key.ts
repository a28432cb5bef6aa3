import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { NotFoundError } from '#support/domain_errors'
import { assertVersion } from '#support/optimistic_lock'
import FiscalYear from '#models/accounting/fiscal_year'
import ProgrammeCostKey from '#models/accounting/programme_cost_key'
import type { OverheadKey } from '#vocabulary/accounting'

export interface OverheadKeyInput {
  /** The fiscal year, chosen on the page (the organisation's own, checked here). */
  fiscalYearId: number
  key: OverheadKey
  /** The version the form was read at; absent when the year had no saved key. */
  version?: number
}

/**
 * Saves the overhead key of a fiscal year's cost per programme (issue #14): created the first
 * time, then changed at the version read. Audited by the model, in the same transaction.
 * Returns the row and the year the report of the fiscal year is shown under.
 */
export default class SaveOverheadKey {
  static handle(tenant: Tenant, input: OverheadKeyInput, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const fiscalYear = await FiscalYear.query({ client: t })
        .where('organisationId', tenant.organisationId)
        .where('id', input.fiscalYearId)
        .forUpdate()
        .first()
      if (!fiscalYear)
        throw new NotFoundError('Exercice introuvable : choisissez-le dans la liste.', {
          field: 'exercice',
        })
      const saved = await ProgrammeCostKey.query({ client: t })
        .where('fiscalYearId', fiscalYear.id)
        .forUpdate()
        .first()
      if (!saved) {
        if (input.version !== undefined) assertVersion({ version: 0 }, input.version)
        const created = await ProgrammeCostKey.create(
          {
            organisationId: tenant.organisationId,
            fiscalYearId: fiscalYear.id,
            overheadKey: input.key,
          },
          { client: t }
        )
        return { saved: created, year: fiscalYear.endDate.year }
      }
      assertVersion(saved, input.version)
      saved.overheadKey = input.key
      await saved.useTransaction(t).save()
      return { saved, year: fiscalYear.endDate.year }
    })
  }
}
