import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import { inspecting, isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { assertFieldError, assertRefused } from '#tests/support/refusals'

/**
 * Creating a strategic plan (POST /qualite/plan) was never called by a functional test: a
 * success that writes the plan (audited), and refusals that leave the database as it was.
 */

const TABLES = ['strategic_plans', 'strategic_axes', 'audit_events']

function postPlan(client: ApiClient, user: User, form: Record<string, unknown>) {
  return client.post('/qualite/plan').form(form).withCsrfToken().actingAs(user).redirects(0)
}

test.group('Write routes | quality strategic plan', (group) => {
  isolated(group)

  test('quality creates a strategic plan; it is stored and audited', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const before = await tableCounts(TABLES)

    const response = await postPlan(client, quality, {
      title: 'Plan stratégique 2025-2028',
      startYear: '2025',
      endYear: '2028',
      announcedAxes: '6',
    })
    response.assertStatus(302)
    response.assertHeader('location', '/qualite/plan')
    response.assertFlashMessage('success', 'Plan stratégique créé.')

    const plans = await inspecting(() =>
      db.from('strategic_plans').where('organisation_id', organisation.id)
    )
    assert.lengthOf(plans, 1)
    assert.equal(plans[0].title, 'Plan stratégique 2025-2028')
    assert.equal(plans[0].start_year, 2025)
    assert.equal(plans[0].end_year, 2028)
    assert.equal(plans[0].announced_axes, 6)
    const after = await tableCounts(TABLES)
    assert.equal(after.strategic_plans, before.strategic_plans + 1)
    assert.equal(after.strategic_axes, before.strategic_axes)
    const audits = await inspecting(() =>
      db.from('audit_events').where({
        organisation_id: organisation.id,
        domain: 'quality',
        action: 'create',
        subject_id: String(plans[0].id),
      })
    )
    assert.isAbove(audits.length, 0)

    const page = await client.get('/qualite/plan').actingAs(quality)
    page.assertStatus(200)
    page.assertTextIncludes('Plan stratégique 2025-2028')
  })

  test('an end year before the start year, a bad year or a board member change nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const board = await makeUser(organisation, ['board'])
    const before = await tableCounts(TABLES)

    const reversed = await postPlan(client, quality, {
      title: 'Plan à l’envers',
      startYear: '2028',
      endYear: '2025',
    })
    reversed.assertStatus(303)
    assertRefused(assert, reversed, "L'année de fin doit suivre l'année de début.")
    assert.deepEqual(await tableCounts(TABLES), before)

    const invalid = await postPlan(client, quality, {
      title: 'Plan du futur',
      startYear: '2025',
      endYear: '3000',
    })
    assertFieldError(assert, invalid, 'endYear')
    assert.deepEqual(await tableCounts(TABLES), before)

    const denied = await postPlan(client, board, {
      title: 'Plan du conseil',
      startYear: '2025',
      endYear: '2028',
    })
    denied.assertStatus(403)
    assert.deepEqual(await tableCounts(TABLES), before)
    assert.lengthOf(
      await inspecting(() => db.from('strategic_plans').where('organisation_id', organisation.id)),
      0
    )
  })
})
