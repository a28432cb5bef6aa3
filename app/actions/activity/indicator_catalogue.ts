import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#support/audit'
import { INDICATOR_CATALOGUE } from '#reference/indicator_catalogue'

/** Creates the catalogue entries an organisation does not have yet. */
export async function ensureCatalogue(organisationId: number, trx: TransactionClientContract) {
  const existing = await trx
    .from('indicators')
    .where('organisation_id', organisationId)
    .select('code')
  const known = new Set(existing.map((row) => row.code))
  const missing = INDICATOR_CATALOGUE.filter((entry) => !known.has(entry.code))
  if (missing.length === 0) return
  await trx.table('indicators').multiInsert(
    missing.map((entry) => ({
      organisation_id: organisationId,
      code: entry.code,
      label: entry.label,
      unit: entry.unit,
      dimensions: entry.dimensions ?? [],
      by_programme: entry.byProgramme ?? false,
      by_territory: entry.byTerritory ?? false,
      description: entry.description ?? null,
      position: INDICATOR_CATALOGUE.indexOf(entry),
    }))
  )
  await recordEvent({
    domain: 'activity',
    action: 'create',
    subjectType: 'Indicator',
    summary: `Catalogue d'indicateurs : ${missing.length} indicateur(s) créé(s)`,
    organisationId,
    trx,
  })
}
