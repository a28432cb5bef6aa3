import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import { inspecting, isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { makeGrant } from '#tests/functional/grants/fixtures'
import { assertRefused } from '#tests/support/refusals'

/**
 * Updating a convention (PUT /financements/conventions/:id) had no tested success: the fields
 * change, the awarded amount does not (amendments change it), the version moves on and the
 * change is audited. Refusals change nothing.
 */

const TABLES = ['grants', 'grant_years', 'grant_events', 'grant_amendments', 'audit_events']

function putGrant(client: ApiClient, user: User, id: number, form: Record<string, unknown>) {
  return client
    .put(`/financements/conventions/${id}`)
    .form(form)
    .withCsrfToken()
    .actingAs(user)
    .redirects(0)
}

async function grantRow(id: number) {
  return inspecting(() => db.from('grants').where('id', id).firstOrFail())
}

test.group('Write routes | convention update', (group) => {
  isolated(group)

  test('finance updates a convention; the awarded amount stays, the version moves on', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation)
    const current = await grantRow(grant.id)
    const before = await tableCounts(TABLES)

    const response = await putGrant(client, finance, grant.id, {
      funderId: current.funder_id,
      reference: 'CONV-1-bis',
      title: 'Accompagnement renforcé 2023-2025',
      periodStart: '2023-01-01',
      periodEnd: '2025-12-31',
      amountAwarded: '999 999,00',
      cofinancingRate: '50',
      flatRate: '15',
      revenueAccount: '7413',
      notes: 'Prolongée d’un an',
      version: current.version,
    })
    response.assertStatus(302)
    response.assertHeader('location', `/financements/conventions/${grant.id}`)
    response.assertFlashMessage('success', 'Convention mise à jour.')

    const after = await grantRow(grant.id)
    assert.equal(after.reference, 'CONV-1-bis')
    assert.equal(after.title, 'Accompagnement renforcé 2023-2025')
    assert.equal(after.cofinancing_rate, '0.5000')
    assert.equal(after.flat_rate_basis, 'direct_staff_costs')
    assert.equal(after.notes, 'Prolongée d’un an')
    assert.equal(after.amount_awarded, current.amount_awarded)
    assert.equal(after.version, current.version + 1)
    const counts = await tableCounts(TABLES)
    assert.equal(counts.grants, before.grants)
    assert.isAbove(counts.audit_events, before.audit_events)
    const audit = await inspecting(() =>
      db
        .from('audit_events')
        .where({ organisation_id: organisation.id, domain: 'grants', action: 'update' })
        .where('subject_id', String(grant.id))
        .first()
    )
    assert.exists(audit)
  })

  test('a stale version, a reversed period or a board member change nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const board = await makeUser(organisation, ['board'])
    const grant = await makeGrant(organisation)
    const current = await grantRow(grant.id)
    const form = {
      funderId: current.funder_id,
      reference: 'CONV-1',
      title: 'Titre modifié',
      periodStart: '2023-01-01',
      periodEnd: '2024-12-31',
      version: current.version,
    }
    const before = await tableCounts(TABLES)

    const stale = await putGrant(client, finance, grant.id, {
      ...form,
      version: current.version + 3,
    })
    stale.assertStatus(303)
    assertRefused(
      assert,
      stale,
      "Cette fiche a été modifiée par quelqu'un d'autre pendant votre saisie. Rechargez la page pour voir sa version actuelle, puis refaites votre modification."
    )

    const reversed = await putGrant(client, finance, grant.id, {
      ...form,
      periodStart: '2024-06-01',
      periodEnd: '2024-01-31',
    })
    reversed.assertStatus(303)
    assert.match(String(reversed.flashMessages().error), /se termine .* avant de commencer/)

    const denied = await putGrant(client, board, grant.id, form)
    denied.assertStatus(403)

    assert.deepEqual(await tableCounts(TABLES), before)
    assert.deepEqual(await grantRow(grant.id), current)
  })
})
