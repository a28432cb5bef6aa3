import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { demoOrganisation, isolated } from '#tests/helpers'
import { loadRapport2023 } from '#database/seeders/demo'
import { scoreOf } from './helpers.js'

test.group('Quality demo seed and live score', (group) => {
  isolated(group)

  test('the demo reproduces the reference: 5 themes, 35 criteria, 80 % by 31/12/2024, 9 axes', async ({
    assert,
  }) => {
    const rapport = await loadRapport2023()
    const organisation = await demoOrganisation()
    const score = (await scoreOf(organisation.id, {
      today: DateTime.fromISO('2024-07-01'),
    }))!
    assert.deepEqual(
      score.themes.map((theme) => theme.name),
      rapport.labellisation.themes
    )
    assert.equal(score.overall.total, rapport.labellisation.criteria)
    assert.equal(
      score.referential.thresholdPercent.toNumber(),
      rapport.labellisation.threshold_percent
    )
    assert.equal(score.referential.deadline!.toISODate(), rapport.labellisation.deadline)
    assert.isTrue(score.referential.isDemo)
    assert.equal(score.overall.validated, 26)
    assert.isFalse(score.overall.reached)
    assert.equal(score.overall.gap, 2)
    assert.equal(score.overall.projectedRatio!.toFixed(4), '0.9429')
    // Late on 1 July 2024: only M7 (due 30/06/2024, in progress).
    assert.deepEqual(
      score.late.map((alert) => alert.code),
      ['M7']
    )
    assert.sameMembers(
      score.unowned.map((alert) => alert.code),
      ['A1', 'O4']
    )

    const axes = await db.from('strategic_axes').where('organisation_id', organisation.id)
    const listed = rapport.strategic_plan.axes_listed
    assert.equal(axes.length, listed.metiers.length + listed.transversaux.length)
    const plan = await db.from('strategic_plans').where('organisation_id', organisation.id).first()
    assert.equal(plan.announced_axes, rapport.strategic_plan.announced_axes)
    const history = await db
      .from('criterion_status_changes')
      .where('organisation_id', organisation.id)
      .where('to_status', 'validated')
      .count('* as count')
    assert.equal(Number(history[0].count), 26)
  })
})
