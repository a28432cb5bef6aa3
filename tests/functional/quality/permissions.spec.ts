import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { seedQualityDemo, QUALITY_TABLES } from './helpers.js'

test.group('Quality: permissions and isolation', (group) => {
  isolated(group)

  test('a board member sees the score read-only and gets 403 on every write', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const board = await makeUser(organisation, ['board'])
    const { criteria } = await seedQualityDemo(organisation)
    const target = criteria.find((c) => c.status === 'submitted')!

    const score = await client.get('/qualite').actingAs(board)
    score.assertStatus(200)
    score.assertTextIncludes('74,3')
    for (const path of [
      '/qualite/criteres',
      `/qualite/criteres/${target.id}`,
      '/qualite/plan',
      '/qualite/impression',
    ]) {
      const page = await client.get(path).actingAs(board)
      page.assertStatus(200)
      assert.notInclude(page.text(), '_method=PUT', `${path} shows no edit form to the board`)
    }
    for (const path of [
      '/qualite/score.xlsx',
      '/qualite/criteres.xlsx',
      '/qualite/referentiel.xlsx',
      '/qualite/plan.xlsx',
      '/qualite/historique.xlsx',
    ]) {
      const file = await client.get(path).actingAs(board)
      assert.equal(file.status(), 200, path)
      assert.equal(
        file.header('content-type'),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      )
    }

    const before = await tableCounts(QUALITY_TABLES)
    const writes = [
      client
        .put(`/qualite/criteres/${target.id}`)
        .form({ status: 'validated', version: target.version }),
      client
        .post(`/qualite/criteres/${target.id}/liens`)
        .form({ kind: 'url', reference: 'https://example.org' }),
      client.post('/qualite/plan/axes').form({ kind: 'metier', title: 'Dixième axe' }),
      client.post('/qualite/plan/groupes').form({ name: 'Groupe' }),
      client.post('/imports/quality.referential'),
    ]
    for (const request of writes) {
      const response = await request.withCsrfToken().actingAs(board).redirects(0)
      response.assertStatus(403)
    }
    assert.deepEqual(await tableCounts(QUALITY_TABLES), before)
  })

  test('finance reads the score but gets 403 on writes', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const { criteria } = await seedQualityDemo(organisation)
    ;(await client.get('/qualite').actingAs(finance)).assertStatus(200)
    const before = await tableCounts(QUALITY_TABLES)
    const response = await client
      .put(`/qualite/criteres/${criteria[0].id}`)
      .form({ status: 'to_do', version: criteria[0].version })
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    response.assertStatus(403)
    const action = await client
      .post('/qualite/plan/actions')
      .form({ axisId: 1, title: 'Action', status: 'planned' })
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    action.assertStatus(403)
    assert.deepEqual(await tableCounts(QUALITY_TABLES), before)
  })

  test('direction and admin may write', async ({ client }) => {
    const organisation = await makeOrganisation()
    const { criteria } = await seedQualityDemo(organisation)
    for (const role of ['direction', 'admin'] as const) {
      const user = await makeUser(organisation, [role])
      const criterion = criteria[role === 'direction' ? 1 : 2]
      const response = await client
        .put(`/qualite/criteres/${criterion.id}`)
        .form({ status: 'in_progress', version: criterion.version })
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', `/qualite/criteres/${criterion.id}`)
    }
  })

  test("one organisation never sees nor changes another's criteria, evidence or plan", async ({
    client,
    assert,
  }) => {
    const mine = await makeOrganisation('Mission Locale A')
    const theirs = await makeOrganisation('Mission Locale B')
    const { criteria } = await seedQualityDemo(theirs)
    const outsider = await makeUser(mine, ['quality'])

    const score = await client.get('/qualite').actingAs(outsider)
    score.assertStatus(200)
    score.assertTextIncludes('Aucun référentiel de labellisation')
    const list = await client.get('/qualite/criteres').actingAs(outsider)
    assert.notInclude(list.text(), 'Les statuts et le règlement intérieur')
    const plan = await client.get('/qualite/plan').actingAs(outsider)
    assert.notInclude(plan.text(), "Redéfinir l'organisation de l'accueil")
    ;(await client.get(`/qualite/criteres/${criteria[0].id}`).actingAs(outsider)).assertStatus(404)
    const [evidence] = await db
      .table('evidence_files')
      .insert({
        organisation_id: theirs.id,
        criterion_id: criteria[0].id,
        stored_name: '00000000-0000-4000-8000-000000000000',
        original_name: 'pv.pdf',
        mime: 'application/pdf',
        size_bytes: 10,
        sha256: 'a'.repeat(64),
      })
      .returning('id')
    ;(await client.get(`/qualite/preuves/${evidence.id}`).actingAs(outsider)).assertStatus(404)

    const before = await tableCounts(QUALITY_TABLES)
    const update = await client
      .put(`/qualite/criteres/${criteria[0].id}`)
      .form({ status: 'validated', version: criteria[0].version })
      .withCsrfToken()
      .actingAs(outsider)
      .redirects(0)
    update.assertStatus(404)
    const link = await client
      .post(`/qualite/criteres/${criteria[0].id}/liens`)
      .form({ kind: 'url', reference: 'https://example.org' })
      .withCsrfToken()
      .actingAs(outsider)
      .redirects(0)
    link.assertStatus(404)
    assert.deepEqual(await tableCounts(QUALITY_TABLES), before)
  })
})
