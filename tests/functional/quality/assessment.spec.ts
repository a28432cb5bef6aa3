import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { seedQualityDemo, QUALITY_TABLES } from './helpers.js'

test.group('Quality: assessing criteria over HTTP', (group) => {
  isolated(group)

  test('a quality user validates two criteria and the demo score passes 80 %', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const { criteria } = await seedQualityDemo(organisation)

    const before = await client.get('/qualite').actingAs(quality)
    before.assertStatus(200)
    before.assertTextIncludes('74,3')
    before.assertTextIncludes('Encore 2 critère(s) à valider')
    before.assertTextIncludes('contenu de démonstration')

    const submitted = criteria.filter((c) => c.status === 'submitted').slice(0, 2)
    assert.lengthOf(submitted, 2)
    for (const criterion of submitted) {
      const response = await client
        .put(`/qualite/criteres/${criterion.id}`)
        .form({ status: 'validated', version: criterion.version, comment: 'Preuves vérifiées' })
        .withCsrfToken()
        .actingAs(quality)
        .redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', `/qualite/criteres/${criterion.id}`)
    }

    const after = await client.get('/qualite').actingAs(quality)
    after.assertTextIncludes('80,0')
    after.assertTextIncludes('Le seuil est atteint.')
    const history = await db
      .from('criterion_status_changes')
      .whereIn(
        'criterion_id',
        submitted.map((c) => c.id)
      )
      .where('to_status', 'validated')
      .where('user_id', quality.id)
    assert.lengthOf(history, 2)
    assert.equal(history[0].from_status, 'submitted')
    assert.equal(history[0].comment, 'Preuves vérifiées')
    const audit = await db
      .from('audit_events')
      .where('domain', 'quality')
      .where('subject_type', 'criterion_assessments')
      .where('action', 'update')
      .where('user_id', quality.id)
    assert.lengthOf(audit, 2)
    assert.equal(audit[0].after.status, 'validated')

    const file = await client.get('/qualite/historique.xlsx').actingAs(quality)
    file.assertStatus(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.body() as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Historique')!
    const last = sheet.getRow(sheet.rowCount)
    assert.equal(last.getCell(5).value, quality.fullName)
    assert.equal(last.getCell(6).value, 'Soumis')
    assert.equal(last.getCell(7).value, 'Validé')
    assert.equal(last.getCell(8).value, 'Preuves vérifiées')
  })

  test('a stale form gets a conflict message and changes nothing', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const { criteria } = await seedQualityDemo(organisation)
    const target = criteria.find((c) => c.status === 'submitted')!
    const before = await tableCounts(QUALITY_TABLES)
    const response = await client
      .put(`/qualite/criteres/${target.id}`)
      .form({ status: 'validated', version: target.version - 1 })
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    response.assertStatus(303)
    response.assertFlashMessage(
      'error',
      "Cette fiche a été modifiée par quelqu'un d'autre pendant votre saisie. Rechargez la page pour voir sa version actuelle, puis refaites votre modification."
    )
    assert.deepEqual(await tableCounts(QUALITY_TABLES), before)
  })

  test('"not applicable" is refused when the referential does not allow it', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const { criteria } = await seedQualityDemo(organisation)
    await db
      .from('referentials')
      .where('organisation_id', organisation.id)
      .update({ allows_not_applicable: false })
    const target = criteria.find((c) => c.status === 'to_do')!
    const before = await tableCounts(QUALITY_TABLES)
    const response = await client
      .put(`/qualite/criteres/${target.id}`)
      .form({ status: 'not_applicable', version: target.version })
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    response.assertStatus(303)
    response.assertFlashMessage(
      'error',
      'Ce référentiel ne permet pas de déclarer un critère « non applicable ».'
    )
    assert.deepEqual(await tableCounts(QUALITY_TABLES), before)
    // The database refuses it too, whatever writes the row.
    await assert.rejects(() =>
      db
        .from('criterion_assessments')
        .where('criterion_id', target.id)
        .update({ status: 'not_applicable' })
    )
  })
})
