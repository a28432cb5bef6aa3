import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import { inspecting, isolated, makeOrganisation, makeUser } from '#tests/helpers'
import AlertsRun from '../../../commands/alerts_run.js'

test.group('node ace alerts:run', (group) => {
  isolated(group)

  test('computes the alerts of an organisation at the day given, and records the run', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation('Mission Locale de la Commande')
    await makeUser(organisation, ['admin'])
    await inspecting(() =>
      db.table('imports').insert({
        organisation_id: organisation.id,
        kind: 'hr_staff',
        file_name: 'commande.xlsx',
        sha256: 'c'.repeat(64),
        size_bytes: 10,
        status: 'previewed',
        created_at: '2024-08-01T10:00:00+02:00',
      })
    )
    const command = await ace.create(AlertsRun, [
      '--date=2024-09-03',
      `--organisation=${organisation.slug}`,
    ])
    await command.exec()
    command.assertSucceeded()
    const alerts = await inspecting(() =>
      db.from('alerts').where('organisation_id', organisation.id).select('kind', 'title')
    )
    assert.deepEqual(alerts, [
      { kind: 'import_preview', title: 'Import laissé en aperçu — commande.xlsx' },
    ])
    const runs = await inspecting(() =>
      db
        .from('alert_runs')
        .where('organisation_id', organisation.id)
        .select(db.raw('today::text AS today'), 'opened')
    )
    assert.deepEqual(runs, [{ today: '2024-09-03', opened: 1 }])
  })

  test('an impossible date or an unknown organisation fails and computes nothing', async ({
    assert,
  }) => {
    const before = await inspecting(() => db.from('alert_runs').count('* as n'))
    for (const args of [['--date=2024-02-30'], ['--date=demain'], ['--organisation=inconnue']]) {
      const command = await ace.create(AlertsRun, args)
      await command.exec()
      command.assertFailed()
    }
    const after = await inspecting(() => db.from('alert_runs').count('* as n'))
    assert.deepEqual(after, before)
  })
})
