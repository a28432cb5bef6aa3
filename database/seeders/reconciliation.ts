import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Organisation from '#models/core/organisation'
import type { Rapport2023 } from '#database/seeders/demo'
import { publishedValuesFromRapport, storePublishedReport } from '#reconciliation/published_format'

/** The 2023 report as printed, kept as the year's published tables. */
export async function seedReconciliation(
  organisation: Organisation,
  rapport: Rapport2023,
  trx: TransactionClientContract
) {
  const year = rapport.organisation.year as number
  await storePublishedReport(
    organisation.id,
    {
      year,
      title: `Rapport d'activité ${year} (tel qu'imprimé)`,
      sourceFile: 'rapport-2023.json',
      values: publishedValuesFromRapport(rapport),
    },
    trx
  )
}
