import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { seedQualityDemo, QUALITY_TABLES, progressOf } from './helpers.js'

test.group('Quality: strategic plan', (group) => {
  isolated(group)

  test('the plan holds a tenth axis, its group, members, action and milestones', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const { criteria } = await seedQualityDemo(organisation)
    const send = (method: 'post' | 'put', url: string, form: Record<string, unknown>) =>
      client[method](url).form(form).withCsrfToken().actingAs(quality).redirects(0)

    ;(
      await send('post', '/qualite/plan/axes', {
        kind: 'transversal',
        title: 'Piloter la performance',
      })
    ).assertStatus(302)
    const plan = await db.from('strategic_plans').where('organisation_id', organisation.id).first()
    const axis = await db
      .from('strategic_axes')
      .where('plan_id', plan.id)
      .orderBy('position', 'desc')
      .first()
    assert.equal(axis.position, 10)

    ;(
      await send('post', '/qualite/plan/groupes', { name: 'Groupe performance', axisId: axis.id })
    ).assertStatus(302)
    const workingGroup = await db.from('working_groups').where('axis_id', axis.id).firstOrFail()
    ;(
      await send('post', `/qualite/plan/groupes/${workingGroup.id}/membres`, {
        userId: quality.id,
        role: 'Pilote',
      })
    ).assertStatus(302)
    ;(
      await send('post', `/qualite/plan/groupes/${workingGroup.id}/membres`, {
        fullName: 'Camille Partenaire',
      })
    ).assertStatus(302)
    const empty = await send('post', `/qualite/plan/groupes/${workingGroup.id}/membres`, {})
    empty.assertFlashMessage('error', 'Choisissez un utilisateur ou saisissez le nom du membre.')
    const members = await db
      .from('working_group_members')
      .where('working_group_id', workingGroup.id)
    assert.lengthOf(members, 2)

    for (const title of ['Tableau de bord', 'Revue annuelle']) {
      ;(
        await send('post', '/qualite/plan/actions', {
          axisId: axis.id,
          title,
          ownerId: quality.id,
          status: 'planned',
          dueDate: '2025-06-30',
        })
      ).assertStatus(302)
    }
    const actions = await db.from('strategic_actions').where('axis_id', axis.id).orderBy('id')
    ;(
      await send('post', `/qualite/plan/actions/${actions[0].id}/jalons`, {
        title: 'Maquette',
        dueDate: '2025-03-31',
      })
    ).assertStatus(302)
    const milestone = await db
      .from('action_milestones')
      .where('action_id', actions[0].id)
      .firstOrFail()
    ;(
      await send('put', `/qualite/plan/jalons/${milestone.id}`, { reachedOn: '2025-03-28' })
    ).assertStatus(302)
    ;(
      await send('put', `/qualite/plan/actions/${actions[0].id}`, {
        status: 'done',
        version: actions[0].version,
      })
    ).assertStatus(302)
    ;(
      await send('post', `/qualite/plan/axes/${axis.id}/criteres`, { criterionId: criteria[0].id })
    ).assertStatus(302)

    const progress = (await progressOf(organisation.id, plan.id)).find((a) => a.axisId === axis.id)!
    assert.equal(progress.actions, 2)
    assert.equal(progress.actionsDone, 1)
    assert.equal(progress.progress!.toString(), '0.5')
    assert.equal(progress.milestonesReached, 1)
    assert.equal(progress.criteria, 1)
    assert.equal(progress.criteriaValidated, 1)

    const page = await client.get('/qualite/plan').actingAs(quality)
    page.assertTextIncludes('10 axe(s) définis, 10 annoncés')
    page.assertTextIncludes('Camille Partenaire')
    page.assertTextIncludes('50,0')
  })

  test('a stale action status is a conflict and changes nothing', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    await seedQualityDemo(organisation)
    const action = await db
      .from('strategic_actions')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    const before = await tableCounts(QUALITY_TABLES)
    const response = await client
      .put(`/qualite/plan/actions/${action.id}`)
      .form({ status: 'abandoned', version: action.version + 5 })
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    response.assertStatus(303)
    assert.deepEqual(await tableCounts(QUALITY_TABLES), before)
  })
})

test.group('Quality: referential settings', (group) => {
  isolated(group)

  test('lowering the threshold to 70 % reaches it; a bad threshold changes nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    await seedQualityDemo(organisation)
    const referential = await db
      .from('referentials')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    const bad = await client
      .put(`/qualite/referentiels/${referential.id}`)
      .form({
        name: referential.name,
        thresholdPercent: '150',
        allowsNotApplicable: '1',
        version: referential.version,
      })
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    bad.assertStatus(302)
    assert.equal(
      (await db.from('referentials').where('id', referential.id).first()).threshold_percent,
      '80.00'
    )

    const response = await client
      .put(`/qualite/referentiels/${referential.id}`)
      .form({
        name: referential.name,
        thresholdPercent: '70',
        deadline: '2024-12-31',
        allowsNotApplicable: '1',
        version: referential.version,
      })
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/qualite/criteres')
    const page = await client.get('/qualite').actingAs(quality)
    page.assertTextIncludes('Le seuil est atteint.')
  })

  test('"not applicable" cannot be forbidden while criteria use it', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const { criteria } = await seedQualityDemo(organisation)
    const todo = criteria.find((c) => c.status === 'to_do')!
    ;(
      await client
        .put(`/qualite/criteres/${todo.id}`)
        .form({ status: 'not_applicable', version: todo.version })
        .withCsrfToken()
        .actingAs(quality)
        .redirects(0)
    ).assertStatus(302)
    const referential = await db
      .from('referentials')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    const response = await client
      .put(`/qualite/referentiels/${referential.id}`)
      .form({
        name: referential.name,
        thresholdPercent: '80',
        allowsNotApplicable: '0',
        version: referential.version,
      })
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    response.assertFlashMessage(
      'error',
      "1 critère(s) sont déclarés « non applicables » : changez leur statut avant d'interdire ce statut."
    )
    assert.isTrue(
      (await db.from('referentials').where('id', referential.id).first()).allows_not_applicable
    )
  })
})
