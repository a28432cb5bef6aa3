import { test } from '@japa/runner'
import { isolated, makeOrganisation, makeUser, tableCounts, tenantOf } from '#tests/helpers'
import TrainingReportBuilder from '#reports/hr/training'
import { followedSession, formPoster, hireLea } from '#tests/fixtures/training'

test.group('HR | training entry', (group) => {
  isolated(group)

  test('action, session, participation, costs and financing feed the training report', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    const employee = await hireLea(organisation)
    const post = formPoster(client, hr)
    const { action } = await followedSession(post, organisation, {
      title: 'Accueil des publics',
      employeeId: employee.id,
      startDate: '2023-03-06',
      endDate: '2023-03-07',
    })
    ;(
      await post('/rh/formation/couts', {
        trainingActionId: action.id,
        kind: 'pedagogique',
        incurredOn: '2023-03-07',
        amount: '1200',
      })
    ).assertStatus(302)
    const before = await tableCounts(['training_financing_lines'])
    const bad = await post('/rh/formation/financements', {
      trainingActionId: action.id,
      funder: 'uniformation',
      requestedOn: '2023-02-01',
      amountExpected: '800',
    })
    bad.assertFlashMessage(
      'error',
      'Le mode de financement est obligatoire pour Uniformation, et seulement pour elle.'
    )
    assert.deepEqual(await tableCounts(['training_financing_lines']), before)
    ;(
      await post('/rh/formation/financements', {
        trainingActionId: action.id,
        funder: 'uniformation',
        mode: 'fonds_mutualises_plan',
        requestedOn: '2023-02-01',
        amountExpected: '800',
        amountReceived: '800',
        receivedOn: '2023-05-02',
      })
    ).assertStatus(302)

    const report = await new TrainingReportBuilder(tenantOf(organisation), { year: 2023 }).build()
    assert.equal(report.daysByContract[0].F.toNumber(), 2)
    assert.equal(report.trainedByAge[1].F, 1) // 33 on 31/12/2023: the 26-35 band
    assert.equal(report.costGroups.pedagogique.toNumber(), 1200)
    assert.equal(
      report.refunds.find((r) => r.mode === 'fonds_mutualises_plan')!.received.toNumber(),
      800
    )
    ;(await client.get('/rh/formation/actions').actingAs(hr)).assertStatus(200)
  })
})
