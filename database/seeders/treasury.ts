import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Organisation from '#models/core/organisation'
import { recordEvent } from '#support/audit'

/** The threshold the demo's board set for its cash: drawn on the forecast's chart. */
export const DEMO_THRESHOLD = '500000.00'

/** The demo's treasury settings (issue #18): the board's threshold and a planned purchase. */
export async function seedTreasury(organisation: Organisation, trx: TransactionClientContract) {
  await trx
    .table('treasury_settings')
    .insert({ organisation_id: organisation.id, threshold: DEMO_THRESHOLD })
  const [item] = await trx
    .table('treasury_manual_items')
    .insert({
      organisation_id: organisation.id,
      label: 'Renouvellement du parc informatique',
      due_on: '2024-09-16',
      amount: '-60000.00',
      recurrence: 'none',
    })
    .returning('id')
  await recordEvent({
    domain: 'accounting',
    action: 'create',
    subjectType: 'treasury_manual_items',
    subjectId: item.id,
    summary: 'Démo : opération prévue « Renouvellement du parc informatique » (−60 000 €)',
    organisationId: organisation.id,
    trx,
  })
  await recordEvent({
    domain: 'accounting',
    action: 'create',
    subjectType: 'treasury_settings',
    subjectId: organisation.id,
    summary: `Démo : seuil de trésorerie ${DEMO_THRESHOLD} €`,
    organisationId: organisation.id,
    trx,
  })
}
