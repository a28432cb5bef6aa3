import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import {
  demoOrganisation,
  inspecting,
  isolated,
  makeOrganisation,
  makeUser,
  readWorkbook,
  tableCounts,
} from '#tests/helpers'
import { assertFieldError } from '#tests/support/refusals'
import { loadRapport2023 } from '#database/seeders/demo'
import { seedActivity } from '#database/seeders/activity'
import { actingAs } from '#support/request_context'

/**
 * Stored indicator values are corrected and deleted, a programme's targets listed beside its
 * conventions' activity targets, imported from them, edited and deleted (issue #15): through
 * HTTP, audited, with their refusals.
 */

const TABLES = ['indicator_values', 'programme_targets', 'audit_events']

function send(
  client: ApiClient,
  user: User,
  method: 'post' | 'put' | 'delete',
  url: string,
  form: Record<string, unknown> = {}
) {
  return client[method](url).form(form).withCsrfToken().actingAs(user).redirects(0)
}

async function otherOrganisationValue() {
  const other = await makeOrganisation('Autre mission locale')
  const rapport = await loadRapport2023()
  await actingAs({ organisationId: other.id, userId: null, label: 'test' }, () =>
    db.transaction((trx) => seedActivity(other, rapport, trx))
  )
  return inspecting(() =>
    db.from('indicator_values').where('organisation_id', other.id).firstOrFail()
  )
}

async function auditsOf(organisationId: number, table: string, id: number, action: string) {
  return inspecting(() =>
    db.from('audit_events').where({
      organisation_id: organisationId,
      domain: 'activity',
      subject_type: table,
      subject_id: String(id),
      action,
    })
  )
}

/** A count value of the demo (jeunes accompagnés 2023, no breakdown). */
async function demoValue(organisationId: number) {
  return inspecting(() =>
    db
      .from('indicator_values as v')
      .join('indicators as i', 'i.id', 'v.indicator_id')
      .where('v.organisation_id', organisationId)
      .where('i.code', 'jeunes_accompagnes')
      .where('v.year', 2023)
      .whereNull('v.programme_id')
      .whereNull('v.territory_id')
      .whereNull('v.breakdown')
      .select('v.*')
      .firstOrFail()
  )
}

test.group('Activity corrections: indicator values', (group) => {
  isolated(group)

  test('a value is corrected then deleted, both audited', async ({ client, assert }) => {
    const organisation = await demoOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const value = await demoValue(organisation.id)

    const corrected = await send(client, quality, 'put', `/activite/valeurs/${value.id}`, {
      value: '10 300',
    })
    corrected.assertStatus(302)
    corrected.assertHeader('location', '/activite/valeurs?annee=2023')
    corrected.assertFlashMessage('success', 'Valeur corrigée.')
    const row = await inspecting(() =>
      db.from('indicator_values').where('id', value.id).firstOrFail()
    )
    assert.equal(Number(row.value), 10300)
    assert.equal(row.source, 'manual')
    assert.equal(row.user_id, quality.id)
    const updates = await auditsOf(organisation.id, 'indicator_values', value.id, 'update')
    assert.lengthOf(updates, 1)
    assert.include(JSON.stringify(updates[0].before), Number(value.value).toFixed(2))
    assert.include(JSON.stringify(updates[0].after), '10300.00')

    const page = await client.get('/activite/valeurs?annee=2023').actingAs(quality)
    page.assertStatus(200)
    assert.include(page.text(), `/activite/valeurs/${value.id}?_method=PUT`)

    const deleted = await send(client, quality, 'delete', `/activite/valeurs/${value.id}`)
    deleted.assertStatus(302)
    deleted.assertFlashMessage('success', 'Valeur supprimée.')
    assert.isNull(await inspecting(() => db.from('indicator_values').where('id', value.id).first()))
    assert.lengthOf(await auditsOf(organisation.id, 'indicator_values', value.id, 'delete'), 1)
  }).timeout(600000)

  test('bad values, another organisation’s value, board and finance change nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const board = await makeUser(organisation, ['board'])
    const finance = await makeUser(organisation, ['finance'])
    const value = await demoValue(organisation.id)
    const foreign = await otherOrganisationValue()
    const before = await tableCounts(TABLES)
    const url = `/activite/valeurs/${value.id}`

    assertFieldError(
      assert,
      await send(client, quality, 'put', url, { value: 'beaucoup' }),
      'value'
    )
    assertFieldError(assert, await send(client, quality, 'put', url, { value: '-3' }), 'value')
    const json = await client
      .put(url)
      .header('accept', 'application/json')
      .form({ value: '' })
      .withCsrfToken()
      .actingAs(quality)
    json.assertStatus(422)
    // A head count is a whole number: the indicator's rule refuses 12,5.
    const fraction = await send(client, quality, 'put', url, { value: '12,5' })
    fraction.assertStatus(303)
    assert.match(String(fraction.flashMessages().error), /effectif : valeur entière attendue/)

    ;(
      await send(client, quality, 'put', `/activite/valeurs/${foreign.id}`, { value: '1' })
    ).assertStatus(404)
    ;(await send(client, quality, 'delete', `/activite/valeurs/${foreign.id}`)).assertStatus(404)
    for (const user of [board, finance]) {
      ;(await send(client, user, 'put', url, { value: '1' })).assertStatus(403)
      ;(await send(client, user, 'delete', url)).assertStatus(403)
    }
    assert.deepEqual(await tableCounts(TABLES), before)
    const row = await inspecting(() => db.from('indicator_values').where('id', value.id).first())
    assert.equal(Number(row.value), Number(value.value))
  }).timeout(600000)
})

/** The demo programme funded by a convention with an activity target in 2023, and that sum. */
async function fundedProgramme(organisationId: number) {
  const [row] = (
    await inspecting(() =>
      db.rawQuery(
        `SELECT gp.programme_id, i.id AS indicator_id, sum(gt.target)::text AS target
           FROM grant_targets gt
           JOIN grant_programmes gp ON gp.grant_id = gt.grant_id
           JOIN grants g ON g.id = gt.grant_id
           JOIN indicators i ON i.organisation_id = gt.organisation_id AND i.code = gt.indicator_code
          WHERE gt.organisation_id = ? AND gt.year = 2023 AND gt.cancelled_at IS NULL
            AND g.status NOT IN ('refused', 'cancelled')
          GROUP BY 1, 2 ORDER BY 1 LIMIT 1`,
        [organisationId]
      )
    )
  ).rows
  return {
    programmeId: row.programme_id as number,
    indicatorId: row.indicator_id as number,
    target: Number(row.target),
  }
}

test.group('Activity corrections: programme targets', (group) => {
  isolated(group)

  test('the conventions’ targets are shown beside the programme’s, imported in one action, then edited and deleted', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const funded = await fundedProgramme(organisation.id)
    assert.isAbove(funded.target, 0)
    await inspecting(() =>
      db
        .from('programme_targets')
        .where({ organisation_id: organisation.id, programme_id: funded.programmeId, year: 2023 })
        .delete()
    )
    const base = `/activite/dispositifs/${funded.programmeId}/objectifs`

    const page = await client.get(`${base}?annee=2023`).actingAs(quality)
    page.assertStatus(200)
    assert.include(page.text(), 'Objectifs 2023 des conventions, sommés par indicateur')
    assert.include(page.text(), 'Reprendre les objectifs des conventions (1 à modifier)')

    const imported = await send(client, quality, 'post', `${base}/conventions`, { annee: 2023 })
    imported.assertStatus(302)
    imported.assertHeader('location', `${base}?annee=2023`)
    imported.assertFlashMessage('success', 'Objectifs repris des conventions : 1 modification(s).')
    const target = await inspecting(() =>
      db
        .from('programme_targets')
        .where({ organisation_id: organisation.id, programme_id: funded.programmeId, year: 2023 })
        .where('indicator_id', funded.indicatorId)
        .firstOrFail()
    )
    assert.equal(Number(target.target), funded.target)
    assert.lengthOf(await auditsOf(organisation.id, 'programme_targets', target.id, 'create'), 1)

    // Imported twice: nothing left to change.
    const again = await send(client, quality, 'post', `${base}/conventions`, { annee: 2023 })
    again.assertFlashMessage('success', 'Objectifs repris des conventions : 0 modification(s).')

    const edited = await send(client, quality, 'put', `/activite/objectifs/${target.id}`, {
      target: '600',
      version: target.version,
    })
    edited.assertStatus(302)
    edited.assertFlashMessage('success', 'Objectif corrigé.')
    const row = await inspecting(() =>
      db.from('programme_targets').where('id', target.id).firstOrFail()
    )
    assert.equal(Number(row.target), 600)
    assert.lengthOf(await auditsOf(organisation.id, 'programme_targets', target.id, 'update'), 1)
    const shown = await client.get(`${base}?annee=2023`).actingAs(quality)
    assert.include(shown.text(), 'Reprendre les objectifs des conventions (1 à modifier)')

    const xlsx = await client.get(`${base}.xlsx?annee=2023`).actingAs(quality)
    xlsx.assertStatus(200)
    const workbook = await readWorkbook(xlsx)
    assert.equal(workbook.worksheets[0].getRow(2).getCell(3).value, 600)
    assert.equal(workbook.worksheets[0].getRow(2).getCell(4).value, funded.target)

    const deleted = await send(client, quality, 'delete', `/activite/objectifs/${target.id}`)
    deleted.assertStatus(302)
    deleted.assertFlashMessage('success', 'Objectif supprimé.')
    assert.isNull(
      await inspecting(() => db.from('programme_targets').where('id', target.id).first())
    )
    assert.lengthOf(await auditsOf(organisation.id, 'programme_targets', target.id, 'delete'), 1)

    const added = await send(client, quality, 'post', base, {
      indicatorId: funded.indicatorId,
      year: 2023,
      target: '540',
    })
    added.assertStatus(302)
    added.assertFlashMessage('success', 'Objectif ajouté.')
  }).timeout(600000)

  test('duplicates, bad input, stale forms, another organisation, board and finance change nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const board = await makeUser(organisation, ['board'])
    const finance = await makeUser(organisation, ['finance'])
    const funded = await fundedProgramme(organisation.id)
    const base = `/activite/dispositifs/${funded.programmeId}/objectifs`
    await inspecting(() =>
      db
        .from('programme_targets')
        .where({ organisation_id: organisation.id, programme_id: funded.programmeId })
        .delete()
    )
    ;(
      await send(client, quality, 'post', base, {
        indicatorId: funded.indicatorId,
        year: 2023,
        target: '500',
      })
    ).assertStatus(302)
    const target = await inspecting(() =>
      db
        .from('programme_targets')
        .where({ organisation_id: organisation.id, programme_id: funded.programmeId })
        .firstOrFail()
    )
    const other = await makeOrganisation('Autre mission locale')
    const otherQuality = await makeUser(other, ['quality'])
    const before = await tableCounts(TABLES)

    const duplicate = await send(client, quality, 'post', base, {
      indicatorId: funded.indicatorId,
      year: 2023,
      target: '510',
    })
    duplicate.assertStatus(303)
    assert.match(String(duplicate.flashMessages().error), /existe déjà .* corrigez-le\.$/)
    assertFieldError(
      assert,
      await send(client, quality, 'post', base, { indicatorId: 'x', year: 1800, target: 'dix' }),
      'target'
    )
    const json = await client
      .post(base)
      .header('accept', 'application/json')
      .form({ indicatorId: funded.indicatorId, year: 2023, target: '-5' })
      .withCsrfToken()
      .actingAs(quality)
    json.assertStatus(422)
    assertFieldError(
      assert,
      await send(client, quality, 'put', `/activite/objectifs/${target.id}`, {
        target: '',
        version: 1,
      }),
      'target'
    )
    const stale = await send(client, quality, 'put', `/activite/objectifs/${target.id}`, {
      target: '520',
      version: target.version + 3,
    })
    stale.assertStatus(303)
    assert.match(String(stale.flashMessages().error), /modifiée par quelqu'un d'autre/)
    const nothing = await send(client, quality, 'post', `${base}/conventions`, { annee: 2019 })
    nothing.assertStatus(303)
    assert.match(String(nothing.flashMessages().error), /^Aucune convention finançant .* 2019 /)
    assertFieldError(
      assert,
      await send(client, quality, 'post', `${base}/conventions`, { annee: 'x' }),
      'annee'
    )

    // Another organisation's user: the programme and the target are unknown to them.
    ;(await client.get(`${base}?annee=2023`).actingAs(otherQuality)).assertStatus(404)
    ;(
      await send(client, otherQuality, 'post', `${base}/conventions`, { annee: 2023 })
    ).assertStatus(404)
    ;(
      await send(client, otherQuality, 'put', `/activite/objectifs/${target.id}`, {
        target: '1',
        version: target.version,
      })
    ).assertStatus(404)
    ;(await send(client, otherQuality, 'delete', `/activite/objectifs/${target.id}`)).assertStatus(
      404
    )
    ;(
      await send(client, otherQuality, 'post', base, {
        indicatorId: funded.indicatorId,
        year: 2023,
        target: '1',
      })
    ).assertStatus(404)

    for (const user of [board, finance]) {
      ;(await client.get(`${base}?annee=2023`).actingAs(user)).assertStatus(403)
      ;(
        await send(client, user, 'post', base, {
          indicatorId: funded.indicatorId,
          year: 2024,
          target: '1',
        })
      ).assertStatus(403)
      ;(await send(client, user, 'post', `${base}/conventions`, { annee: 2023 })).assertStatus(403)
      ;(
        await send(client, user, 'put', `/activite/objectifs/${target.id}`, {
          target: '1',
          version: target.version,
        })
      ).assertStatus(403)
      ;(await send(client, user, 'delete', `/activite/objectifs/${target.id}`)).assertStatus(403)
    }
    assert.deepEqual(await tableCounts(TABLES), before)
  }).timeout(600000)
})
