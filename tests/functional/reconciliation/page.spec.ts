import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { loadRapport2023 } from '#database/seeders/demo'
import { seedActivity } from '#database/seeders/activity'
import { seedReconciliation } from '#database/seeders/reconciliation'
import { actingAs } from '#support/request_context'

async function seeded() {
  const organisation = await makeOrganisation('We Ker rapprochements')
  const rapport = await loadRapport2023()
  await actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
    db.transaction(async (trx) => {
      await seedActivity(organisation, rapport, trx)
      await seedReconciliation(organisation, rapport, trx)
    })
  )
  return organisation
}

test.group('Reconciliation page', (group) => {
  isolated(group)

  test('finance runs the checks; the page filters, drills down and exports', async ({
    client,
    assert,
  }) => {
    const organisation = await seeded()
    const finance = await makeUser(organisation, ['finance'])
    const run = await client
      .post('/rapprochements/executions')
      .form({ annee: 2023 })
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    run.assertStatus(302)
    run.assertHeader('location', '/rapprochements?annee=2023')

    const page = await client.get('/rapprochements?annee=2023&statut=discrepancy').actingAs(finance)
    page.assertStatus(200)
    assert.include(page.text(), 'Jeunes accompagnés : somme des antennes')
    assert.include(page.text(), '/activite/valeurs?annee=2023')
    assert.notInclude(page.text(), 'badge ok')

    const byDefault = await client.get('/rapprochements').actingAs(finance)
    assert.include(byDefault.text(), 'Rapprochements 2023')

    const activityOnly = await client
      .get('/rapprochements?annee=2023&domaine=accounting')
      .actingAs(finance)
    assert.notInclude(activityOnly.text(), 'Jeunes accompagnés : somme des antennes')

    // A value corrected, a second run: the page shows what changed since the previous run.
    await db
      .from('indicator_values')
      .where('organisation_id', organisation.id)
      .where('year', 2023)
      .whereNull('territory_id')
      .whereNull('programme_id')
      .whereNull('breakdown')
      .whereIn(
        'indicator_id',
        db.from('indicators').where('code', 'jeunes_accompagnes').select('id')
      )
      .update({ value: 10068 })
    await client
      .post('/rapprochements/executions')
      .form({ annee: 2023 })
      .withCsrfToken()
      .actingAs(finance)
    const second = await client.get('/rapprochements?annee=2023&statut=ok').actingAs(finance)
    assert.include(second.text(), 'changé (avant : Écart)')

    const xlsx = await client.get('/rapprochements/export.xlsx?annee=2023').actingAs(finance)
    xlsx.assertStatus(200)
    xlsx.assertHeader(
      'content-type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
  })

  test('wrong roles get 403 on running; other organisations see nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await seeded()
    const counts = await tableCounts(['reconciliation_runs', 'reconciliation_results'])
    for (const roles of [['board'], ['hr'], ['quality']] as const) {
      const user = await makeUser(organisation, [...roles])
      const response = await client
        .post('/rapprochements/executions')
        .form({ annee: 2023 })
        .withCsrfToken()
        .actingAs(user)
      response.assertStatus(403)
    }
    assert.deepEqual(await tableCounts(['reconciliation_runs', 'reconciliation_results']), counts)

    const direction = await makeUser(organisation, ['direction'])
    await client
      .post('/rapprochements/executions')
      .form({ annee: 2023 })
      .withCsrfToken()
      .actingAs(direction)
    const other = await makeOrganisation('Autre')
    const stranger = await makeUser(other, ['admin'])
    const page = await client.get('/rapprochements?annee=2023').actingAs(stranger)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'Jeunes accompagnés : somme des antennes')
    assert.include(page.text(), 'Aucun rapprochement')

    const invalid = await client
      .post('/rapprochements/executions')
      .form({ annee: 'deux mille' })
      .withCsrfToken()
      .actingAs(direction)
      .redirects(0)
    invalid.assertStatus(302)
  })
})
