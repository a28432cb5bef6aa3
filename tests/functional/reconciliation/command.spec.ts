import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation } from '#tests/helpers'
import { loadRapport2023 } from '#database/seeders/demo'
import { seedActivity } from '#database/seeders/activity'
import { actingAs } from '#support/request_context'
import Reconcile from '../../../commands/reconcile.js'

test.group('node ace reconcile', (group) => {
  isolated(group)

  test('prints the results as JSON and stores the run', async ({ assert }) => {
    const organisation = await makeOrganisation('Commande')
    const rapport = await loadRapport2023()
    await actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
      db.transaction((trx) => seedActivity(organisation, rapport, trx))
    )
    const printed: string[] = []
    const log = console.log
    console.log = (text: string) => printed.push(text)
    try {
      const command = await ace.create(Reconcile, [
        '--year=2023',
        '--json',
        `--organisation=${organisation.slug}`,
      ])
      await command.exec()
      command.assertSucceeded()
    } finally {
      console.log = log
    }
    const output = JSON.parse(printed.join('\n'))
    assert.equal(output.year, 2023)
    const territories = output.results.find(
      (r: any) => r.id === 'activity.territories_vs_total:jeunes_accompagnes'
    )
    assert.equal(territories.status, 'discrepancy')
    assert.equal(territories.difference, -228)
    const run = await db
      .from('reconciliation_runs')
      .where({ organisation_id: organisation.id, trigger: 'command' })
      .first()
    assert.equal(run.id, output.run_id)
  })

  test('an unknown organisation fails', async () => {
    const command = await ace.create(Reconcile, ['--year=2023', '--organisation=inconnue'])
    await command.exec()
    command.assertFailed()
  })
})
