import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation } from '#tests/helpers'
import { loadRapport2023 } from '#database/seeders/demo'
import { seedActivity } from '#database/seeders/activity'
import { seedReconciliation } from '#database/seeders/reconciliation'
import { runReconciliation } from '#reconciliation/registry'
import { actingAs } from '#support/request_context'

async function seededOrganisation() {
  const organisation = await makeOrganisation('We Ker test')
  const rapport = await loadRapport2023()
  await actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
    db.transaction(async (trx) => {
      await seedActivity(organisation, rapport, trx)
      await seedReconciliation(organisation, rapport, trx)
    })
  )
  return organisation
}

test.group('Reconciliation of the demo 2023 activity', (group) => {
  isolated(group)

  test('surfaces every inconsistency of the reference activity figures', async ({ assert }) => {
    const organisation = await seededOrganisation()
    const summary = await runReconciliation(organisation.id, 2023, 'manual')
    const byId = new Map(summary.results.map((r) => [r.checkId, r]))
    const status = (id: string) => byId.get(id)?.status
    const diff = (id: string) => Number(byId.get(id)?.difference)
