import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Funder from '#models/grants/funder'
import type Organisation from '#models/core/organisation'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { assertFieldError } from '#tests/support/refusals'
import { asOrg } from './fixtures.js'

/** Updating a funder (PUT /financements/financeurs/:id) had no functional test (issue #11). */

const TABLES = ['funders', 'audit_events']

/** A funder as the edit form sees it (its version comes from the database default). */
async function funder(organisation: Organisation, name = 'Région Bretagne') {
  const created = await asOrg(organisation, () =>
    Funder.create({ name, category: 'region', revenueAccount: '7413' })
  )
  const { version } = await db.from('funders').where('id', created.id).firstOrFail()
  return { id: created.id, version: Number(version) }
}

async function row(id: number) {
  return db.from('funders').where('id', id).firstOrFail()
}

test.group('Write routes | funders', (group) => {
  isolated(group)

  test('finance updates a funder through its form (sent as POST with _method=PUT); it is audited', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const parent = await funder(organisation, 'Collectivités')
    const region = await funder(organisation)
    const response = await client
      .post(`/financements/financeurs/${region.id}?_method=PUT`)
      .form({
        name: 'Région Bretagne (DIRECCTE)',
        category: 'region',
        parentId: parent.id,
        revenueAccount: '74131',
        notes: 'Convention pluriannuelle',
        version: region.version,
      })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/financements/financeurs')
    response.assertFlashMessage('success', 'Financeur mis à jour.')
    const after = await row(region.id)
    assert.equal(after.name, 'Région Bretagne (DIRECCTE)')
    assert.equal(after.parent_id, parent.id)
    assert.equal(after.revenue_account, '74131')
    assert.equal(after.notes, 'Convention pluriannuelle')
    assert.equal(after.version, region.version + 1)
    const audit = await db
      .from('audit_events')
      .where({ organisation_id: organisation.id, subject_type: 'funders', action: 'update' })
      .first()
    assert.isNotNull(audit)
  })

  test('a stale version, itself as parent or a bad account is refused in French; nothing changes', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const region = await funder(organisation)
    const before = await tableCounts(TABLES)
    const original = await row(region.id)
    const put = (form: Record<string, unknown>) =>
      client
        .put(`/financements/financeurs/${region.id}`)
        .form({ name: 'Changé', category: 'region', ...form })
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)

    const stale = await put({ version: region.version + 3 })
    stale.assertStatus(303)
    stale.assertFlashMessage(
      'error',
      "Cette fiche a été modifiée par quelqu'un d'autre pendant votre saisie. Rechargez la page pour voir sa version actuelle, puis refaites votre modification."
    )
    const itself = await put({ parentId: region.id, version: region.version })
    itself.assertStatus(303)
    itself.assertFlashMessage('error', 'Un financeur ne peut pas être son propre parent.')
    assertFieldError(
      assert,
      await put({ revenueAccount: '6064', version: region.version }),
      'revenueAccount'
    )
    assertFieldError(assert, await put({ name: '', version: region.version }), 'name')

    assert.deepEqual(await tableCounts(TABLES), before)
    assert.deepEqual(await row(region.id), original)
  })

  test("another organisation's funder is not found; board may not update", async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const region = await funder(organisation)
    const stranger = await makeUser(await makeOrganisation('Autre'), ['finance'])
    const board = await makeUser(organisation, ['board'])
    const before = await tableCounts(TABLES)
    const original = await row(region.id)
    const foreign = await client
      .put(`/financements/financeurs/${region.id}`)
      .form({ name: 'Capturé', category: 'region', version: region.version })
      .withCsrfToken()
      .actingAs(stranger)
      .redirects(0)
    foreign.assertStatus(404)
    const readOnly = await client
      .put(`/financements/financeurs/${region.id}`)
      .form({ name: 'Capturé', category: 'region', version: region.version })
      .withCsrfToken()
      .actingAs(board)
      .redirects(0)
    readOnly.assertStatus(403)
    assert.deepEqual(await tableCounts(TABLES), before)
    assert.deepEqual(await row(region.id), original)
  })
})
