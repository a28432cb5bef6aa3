import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, tenantOf } from '#tests/helpers'
import { loadRapport2023 } from '#database/seeders/demo'
import { seedActivity } from '#database/seeders/activity'
import { seedReconciliation } from '#database/seeders/reconciliation'
import RunReconciliation from '#actions/reconciliation/run_reconciliation'
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
    const summary = await RunReconciliation.handle(tenantOf(organisation), {
      year: 2023,
      trigger: 'manual',
    })
    const byId = new Map(summary.results.map((r) => [r.checkId, r]))
    const status = (id: string) => byId.get(id)?.status
    const diff = (id: string) => Number(byId.get(id)?.difference)
    // Territories: 10 068 across the antennas for 10 296 young people supported.
    assert.equal(status('activity.territories_vs_total:jeunes_accompagnes'), 'discrepancy')
    assert.equal(diff('activity.territories_vs_total:jeunes_accompagnes'), -228)
    // First welcomes by antenna: 4 356 for 4 455.
    assert.equal(status('activity.territories_vs_total:primo_accueillis'), 'discrepancy')
    assert.equal(diff('activity.territories_vs_total:primo_accueillis'), -99)
    // Contracts: CDI + CDD + creations = 4 454 for 4 456 signed.
    assert.equal(status('activity.breakdown_vs_total:contrats_signes:contract_type'), 'discrepancy')
    assert.equal(diff('activity.breakdown_vs_total:contrats_signes:contract_type'), -2)
    // First welcome year 2023: 4 466 young people for 4 455 first welcomes.
    assert.equal(status('activity.first_welcome_year'), 'discrepancy')
    assert.equal(diff('activity.first_welcome_year'), 11)
    // Programme table against its page.
    assert.equal(diff('activity.programme_two_sources:DEDANS_DEHORS'), 73)
    assert.equal(diff('activity.programme_two_sources:SORTIR_DE_LA_RUE'), 1)
    assert.equal(diff('activity.programme_two_sources:PLIE'), 17)
    assert.equal(status('activity.programme_two_sources:BRSA'), 'ok')
    // Dedans/Dehors: its page splits 283 people by level for 276 supported.
    assert.equal(diff('activity.breakdown_vs_total:dispositif_accompagnes:DEDANS_DEHORS:level'), 7)
    // Nord-Est: printed +2% while its areas went from 602 to 565 (-6 %).
    assert.equal(
      status('activity.evolution_parts_vs_total:jeunes_accompagnes:nord-est'),
      'discrepancy'
    )
    assert.equal(
      status('activity.evolution_parts_vs_total:jeunes_accompagnes:brocéliande'.replace('é', 'e')),
      'ok'
    )
    // No line for 2020 between "Avant 2020" and 2021.
    assert.equal(status('activity.first_welcome_year_labels'), 'discrepancy')
    assert.include(byId.get('activity.first_welcome_year_labels')!.explanation!, '2020')
    // Printed percentages summing to 99 or 101 are rounding.
    assert.equal(
      status('published.activity:age_of_young_people_supported:total_des_pourcentages'),
      'rounding'
    )
    assert.equal(status('published.activity:validated_level:total_des_pourcentages'), 'rounding')
    assert.equal(status('published.activity:housing:total_des_pourcentages'), 'ok')
    // Parts that add up.
    assert.equal(status('activity.breakdown_vs_total:jeunes_accompagnes:age_band'), 'ok')
    assert.equal(status('activity.areas_vs_antenna:jeunes_accompagnes:rennes-ville'), 'ok')

    const stored = await db
      .from('reconciliation_results')
      .where('run_id', summary.runId)
      .count('* as n')
    assert.equal(Number(stored[0].n), summary.results.length)
  })
})
