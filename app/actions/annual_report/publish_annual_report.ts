import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { AnnualReport } from '#reports/annual_report/annual_report'
import { generatedPublishedLines } from '#reconciliation/published_generated'
import { storePublishedReport } from '#reconciliation/published_format'
import { reconcileAfterImport } from '#reconciliation/after_import'
import { ConflictError, RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/**
 * Takes the annual report generated from the records as the year's published report (source
 * 'generated'): the published checks of the reconciliation then compare the records with it,
 * so that the report printed from it cannot disagree with them unnoticed. A year whose printed
 * report was imported keeps it: the printed one stays the reference until replaced by an import.
 * Without a given transaction, the year is reconciled once the report is stored.
 */
export default class PublishAnnualReport {
  static async handle(
    tenant: Tenant,
    input: { year: number },
    trx?: TransactionClientContract
  ): Promise<{ reportId: number; year: number; values: number }> {
    const { year } = input
    const report = await new AnnualReport(tenant, { year }).build()
    const values = generatedPublishedLines(report)
    if (values.length === 0) {
      throw new RuleError(
        `Aucun chiffre pour ${year} : le rapport annuel est vide, rien à publier.`
      )
    }
    const published = await withTransaction(trx, async (t) => {
      const stored = await t
        .from('published_reports')
        .where({ organisation_id: tenant.organisationId, year })
        .forUpdate()
        .first()
      if (stored && stored.source === 'printed') {
        throw new ConflictError(
          `Le rapport ${year} tel qu’imprimé est enregistré : il reste la référence des rapprochements. Importez un nouveau rapport publié pour le remplacer.`
        )
      }
      const reportId = await storePublishedReport(
        tenant.organisationId,
        {
          year,
          title: `Rapport annuel ${year} (généré par Socle)`,
          source: 'generated',
          values,
        },
        t,
        tenant.userId
      )
      return { reportId, year, values: values.length }
    })
    // On its own transaction, committed now: the year is reconciled against what was stored.
    if (!trx) await reconcileAfterImport(tenant, [year])
    return published
  }
}
