import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'

const TABLES = ['programmes', 'territories', 'audit_events']

function audits(table: string, id: number) {
  return db
    .from('audit_events')
    .where({ domain: 'activity', subject_type: table, subject_id: String(id) })
}

test.group('Activity: programme and territory edit screens', (group) => {
  isolated(group)

  test('quality creates and edits a programme; each write is audited', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])

    const list = await client.get('/activite/dispositifs').actingAs(quality)
    list.assertStatus(200)
    assert.include(list.text(), 'href="/activite/dispositifs/nouveau"')
    ;(await client.get('/activite/dispositifs/nouveau').actingAs(quality)).assertStatus(200)

    const created = await client
      .post('/activite/dispositifs')
      .actingAs(quality)
      .withCsrfToken()
      .redirects(0)
      .form({
        code: 'CEJ',
        name: 'Contrat d’engagement jeune',
        level: 'national',
        fseCofinanced: 'true',
        funderNames: 'État, FSE+',
      })
    created.assertStatus(302)
    created.assertFlashMessage('success', 'Dispositif « Contrat d’engagement jeune » créé.')
    const row = await db
      .from('programmes')
      .where({ organisation_id: organisation.id, code: 'CEJ' })
      .firstOrFail()
    assert.equal(row.level, 'national')
    assert.isTrue(row.fse_cofinanced)
    assert.equal(row.funder_names, 'État, FSE+')
    assert.equal(row.version, 1)
    assert.lengthOf(await audits('programmes', row.id), 1)

    const listed = await client.get('/activite/dispositifs').actingAs(quality)
    assert.include(listed.text(), `/activite/dispositifs/${row.id}/modifier`)
    const form = await client.get(`/activite/dispositifs/${row.id}/modifier`).actingAs(quality)
    form.assertStatus(200)
    assert.include(form.text(), 'Contrat d’engagement jeune')

    const updated = await client
      .put(`/activite/dispositifs/${row.id}`)
      .actingAs(quality)
      .withCsrfToken()
      .redirects(0)
      .form({ code: 'CEJ', name: 'CEJ renouvelé', level: 'regional', version: '1' })
    updated.assertStatus(302)
    const after = await db.from('programmes').where('id', row.id).firstOrFail()
    assert.equal(after.name, 'CEJ renouvelé')
    assert.equal(after.level, 'regional')
    assert.isFalse(after.fse_cofinanced)
    assert.isNull(after.funder_names)
    assert.equal(after.version, 2)
    assert.lengthOf(await audits('programmes', row.id), 2)

    // A stale form (version 1 again) is refused and changes nothing.
    const stale = await client
      .put(`/activite/dispositifs/${row.id}`)
      .actingAs(quality)
      .withCsrfToken()
      .redirects(0)
      .form({ code: 'CEJ', name: 'Écrasé', level: 'own', version: '1' })
    stale.assertStatus(303)
    assert.equal(
      (await db.from('programmes').where('id', row.id).firstOrFail()).name,
      'CEJ renouvelé'
    )
  })

  test('quality creates an antenna and an area, then edits the area', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const post = (form: Record<string, string>) =>
      client.post('/activite/territoires').actingAs(quality).withCsrfToken().redirects(0).form(form)

    ;(await post({ code: 'ANT-N', name: 'Antenne Nord', kind: 'antenna' })).assertStatus(302)
    const antenna = await db
      .from('territories')
      .where({ organisation_id: organisation.id, code: 'ANT-N' })
      .firstOrFail()
    assert.isNull(antenna.parent_id)
    ;(
      await post({
        code: 'Q-1',
        name: 'Quartier Centre',
        kind: 'quartier',
        parentId: String(antenna.id),
      })
    ).assertStatus(302)
    const area = await db
      .from('territories')
      .where({ organisation_id: organisation.id, code: 'Q-1' })
      .firstOrFail()
    assert.equal(area.parent_id, antenna.id)
    assert.lengthOf(await audits('territories', antenna.id), 1)
    assert.lengthOf(await audits('territories', area.id), 1)

    const list = await client.get('/activite/territoires').actingAs(quality)
    assert.include(list.text(), `/activite/territoires/${area.id}/modifier`)
    ;(await client.get(`/activite/territoires/${area.id}/modifier`).actingAs(quality)).assertStatus(
      200
    )
    const updated = await client
      .put(`/activite/territoires/${area.id}`)
      .actingAs(quality)
      .withCsrfToken()
      .redirects(0)
      .form({
        code: 'Q-1',
        name: 'Quartier Centre-ville',
        kind: 'commune',
        parentId: String(antenna.id),
        version: '1',
      })
    updated.assertStatus(302)
    updated.assertFlashMessage('success', 'Territoire « Quartier Centre-ville » mis à jour.')
    const after = await db.from('territories').where('id', area.id).firstOrFail()
    assert.equal(after.name, 'Quartier Centre-ville')
    assert.equal(after.kind, 'commune')
    assert.equal(after.version, 2)
    assert.lengthOf(await audits('territories', area.id), 2)
  })

  test('board and finance get 403 on every write route and nothing changes', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    await client
      .post('/activite/dispositifs')
      .actingAs(quality)
      .withCsrfToken()
      .form({ code: 'PACEA', name: 'PACEA', level: 'national' })
    await client
      .post('/activite/territoires')
      .actingAs(quality)
      .withCsrfToken()
      .form({ code: 'ANT', name: 'Antenne', kind: 'antenna' })
    const programme = await db
      .from('programmes')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    const territory = await db
      .from('territories')
      .where('organisation_id', organisation.id)
      .firstOrFail()

    for (const role of ['board', 'finance'] as const) {
      const user = await makeUser(organisation, [role])
      const list = await client.get('/activite/dispositifs').actingAs(user)
      list.assertStatus(200)
      assert.notInclude(list.text(), '/activite/dispositifs/nouveau')
      assert.notInclude(list.text(), '/modifier')
      const before = await tableCounts(TABLES)
      const requests = [
        client.get('/activite/dispositifs/nouveau'),
        client.get(`/activite/dispositifs/${programme.id}/modifier`),
        client.post('/activite/dispositifs').form({ code: 'X', name: 'Intrus', level: 'own' }),
        client
          .put(`/activite/dispositifs/${programme.id}`)
          .form({ code: 'X', name: 'Intrus', level: 'own' }),
        client.get('/activite/territoires/nouveau'),
        client.get(`/activite/territoires/${territory.id}/modifier`),
        client.post('/activite/territoires').form({ code: 'X', name: 'Intrus', kind: 'antenna' }),
        client
          .put(`/activite/territoires/${territory.id}`)
          .form({ code: 'X', name: 'Intrus', kind: 'antenna' }),
      ]
      for (const request of requests) {
        const response = await request.actingAs(user).withCsrfToken().redirects(0)
        response.assertStatus(403)
      }
      assert.deepEqual(await tableCounts(TABLES), before)
      assert.equal((await db.from('programmes').where('id', programme.id).first()).name, 'PACEA')
      assert.equal((await db.from('territories').where('id', territory.id).first()).name, 'Antenne')
    }
  })

  test('a duplicate code and an area without antenna are refused in French', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    await client
      .post('/activite/dispositifs')
      .actingAs(quality)
      .withCsrfToken()
      .form({ code: 'PACEA', name: 'PACEA', level: 'national' })
    await client
      .post('/activite/territoires')
      .actingAs(quality)
      .withCsrfToken()
      .form({ code: 'ANT', name: 'Antenne Sud', kind: 'antenna' })
    await client
      .post('/activite/territoires')
      .actingAs(quality)
      .withCsrfToken()
      .form({ code: 'ANT2', name: 'Antenne Est', kind: 'antenna' })
    const before = await tableCounts(TABLES)

    const duplicate = await client
      .post('/activite/dispositifs')
      .actingAs(quality)
      .withCsrfToken()
      .redirects(0)
      .form({ code: 'PACEA', name: 'Autre PACEA', level: 'own' })
    duplicate.assertStatus(303)
    duplicate.assertFlashMessage(
      'error',
      'Le code « PACEA » est déjà utilisé par le dispositif « PACEA ». Choisissez un autre code.'
    )

    const duplicateTerritory = await client
      .post('/activite/territoires')
      .actingAs(quality)
      .withCsrfToken()
      .redirects(0)
      .form({ code: 'ANT', name: 'Antenne bis', kind: 'antenna' })
    duplicateTerritory.assertStatus(303)
    assert.include(String(duplicateTerritory.flashMessages().error), 'est déjà utilisé')

    const orphan = await client
      .post('/activite/territoires')
      .actingAs(quality)
      .withCsrfToken()
      .redirects(0)
      .form({ code: 'Q-9', name: 'Quartier orphelin', kind: 'quartier' })
    orphan.assertStatus(303)
    orphan.assertFlashMessage(
      'error',
      'Un secteur (quartier, EPCI, commune…) doit être rattaché à une antenne : choisissez son antenne.'
    )

    // Under an area instead of an antenna: the database trigger refuses, in French.
    const antenna = await db
      .from('territories')
      .where({ organisation_id: organisation.id, code: 'ANT2' })
      .firstOrFail()
    await db
      .from('territories')
      .where('id', antenna.id)
      .update({
        kind: 'quartier',
        parent_id: (
          await db
            .from('territories')
            .where({ organisation_id: organisation.id, code: 'ANT' })
            .firstOrFail()
        ).id,
      })
    const beforeTrigger = await tableCounts(TABLES)
    const underArea = await client
      .post('/activite/territoires')
      .actingAs(quality)
      .withCsrfToken()
      .redirects(0)
      .form({
        code: 'Q-10',
        name: 'Quartier perdu',
        kind: 'quartier',
        parentId: String(antenna.id),
      })
    underArea.assertStatus(303)
    underArea.assertFlashMessage(
      'error',
      'Territoire « Quartier perdu » : un secteur se rattache à une antenne.'
    )
    assert.deepEqual(await tableCounts(TABLES), beforeTrigger)

    const invalid = await client
      .post('/activite/dispositifs')
      .actingAs(quality)
      .withCsrfToken()
      .redirects(0)
      .form({ code: '', name: 'X', level: 'galactique' })
    invalid.assertStatus(302)
    const errors = invalid.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.include(errors.code.join(' '), 'Le champ code est obligatoire.')
    assert.include(errors.level.join(' '), 'La valeur choisie pour niveau est invalide.')

    assert.deepEqual(await tableCounts(['programmes', 'audit_events']), {
      programmes: before.programmes,
      audit_events: before.audit_events,
    })
    // Only the two antennas: no area was written.
    assert.equal(before.territories, (await tableCounts(['territories'])).territories)
  })

  test("another organisation's programme and territory give 404 and stay unchanged", async ({
    client,
    assert,
  }) => {
    const mine = await makeOrganisation('Mission Locale A')
    const theirs = await makeOrganisation('Mission Locale B')
    const me = await makeUser(mine, ['quality'])
    const them = await makeUser(theirs, ['quality'])
    await client
      .post('/activite/dispositifs')
      .actingAs(them)
      .withCsrfToken()
      .form({ code: 'SECRET', name: 'Dispositif B', level: 'own' })
    await client
      .post('/activite/territoires')
      .actingAs(them)
      .withCsrfToken()
      .form({ code: 'ANT-B', name: 'Antenne B', kind: 'antenna' })
    const programme = await db.from('programmes').where('organisation_id', theirs.id).firstOrFail()
    const territory = await db.from('territories').where('organisation_id', theirs.id).firstOrFail()
    const before = await tableCounts(TABLES)

    ;(await client.get(`/activite/dispositifs/${programme.id}/modifier`).actingAs(me)).assertStatus(
      404
    )
    ;(
      await client
        .put(`/activite/dispositifs/${programme.id}`)
        .actingAs(me)
        .withCsrfToken()
        .redirects(0)
        .form({ code: 'SECRET', name: 'Volé', level: 'own' })
    ).assertStatus(404)
    ;(await client.get(`/activite/territoires/${territory.id}/modifier`).actingAs(me)).assertStatus(
      404
    )
    // Their antenna cannot be chosen as a parent either.
    const foreignParent = await client
      .post('/activite/territoires')
      .actingAs(me)
      .withCsrfToken()
      .redirects(0)
      .form({ code: 'Q-1', name: 'Quartier', kind: 'quartier', parentId: String(territory.id) })
    foreignParent.assertStatus(303)
    foreignParent.assertFlashMessage('error', 'Antenne de rattachement inconnue.')

    // The same code is free in my organisation: uniqueness is per organisation.
    const sameCode = await client
      .post('/activite/dispositifs')
      .actingAs(me)
      .withCsrfToken()
      .redirects(0)
      .form({ code: 'SECRET', name: 'Dispositif A', level: 'own' })
    sameCode.assertStatus(302)
    assert.equal(
      (await db.from('programmes').where('id', programme.id).firstOrFail()).name,
      'Dispositif B'
    )
    const after = await tableCounts(TABLES)
    assert.equal(after.programmes, before.programmes + 1)
    assert.equal(after.territories, before.territories)
  })
})
