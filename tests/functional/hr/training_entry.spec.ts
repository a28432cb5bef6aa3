import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts, tenantOf } from '#tests/helpers'
import TrainingReportBuilder from '#reports/hr/training'
import { actingAs } from '#support/request_context'
import { createEmployee, addContract } from '#actions/hr/register'

test.group('HR | training entry', (group) => {
  isolated(group)

  test('action, session, participation, costs and financing feed the training report', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    const employee = await actingAs(
      { organisationId: organisation.id, userId: null, label: 'test' },
      () =>
        db.transaction(async (trx) => {
          const e = await createEmployee(
            organisation.id,
            {
              surname: 'Petit',
              firstNames: 'Léa',
              sex: 'F',
              birthDate: '1990-05-01',
              nationality: 'française',
            },
            trx
          )
          await addContract(
            e.id,
            {
              contractType: 'cdi',
              jobTitle: 'Conseillère',
              partTimeShare: '1',
              startDate: '2020-01-06',
            },
            trx
          )
          return e
        })
    )
    const post = (url: string, form: Record<string, unknown>) =>
      client.post(url).form(form).withCsrfToken().actingAs(hr).redirects(0)
    ;(
      await post('/rh/formation/actions', { title: 'Accueil des publics', kind: 'plan' })
    ).assertStatus(302)
    const action = await db
      .from('training_actions')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    ;(
      await post('/rh/formation/sessions', {
        trainingActionId: action.id,
        startDate: '2023-03-06',
        endDate: '2023-03-07',
      })
    ).assertStatus(302)
    const session = await db
      .from('training_sessions')
      .where('training_action_id', action.id)
      .firstOrFail()
    ;(
      await post(`/rh/salaries/${employee.id}/formations`, {
        trainingSessionId: session.id,
        days: '2',
      })
    ).assertStatus(302)
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
