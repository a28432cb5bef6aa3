import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import {
  inspecting,
  isolated,
  makeOrganisation,
  makeUser,
  tableCounts,
  TEST_PASSWORD,
} from '#tests/helpers'
import { assertFieldError, assertRefused } from '#tests/support/refusals'

/**
 * Changing one's password (PUT /compte/mot-de-passe) had a tested success only: a wrong current
 * password and a new password that is too short are refused, and neither changes the stored
 * hash nor ends any session.
 */

const TABLES = ['users', 'audit_events']

function changePassword(client: ApiClient, user: User, form: Record<string, unknown>) {
  return client.put('/compte/mot-de-passe').form(form).withCsrfToken().actingAs(user).redirects(0)
}

async function credentials(id: number) {
  return inspecting(() =>
    db.from('users').where('id', id).select('password', 'session_version').firstOrFail()
  )
}

test.group('Write routes | own password', (group) => {
  isolated(group)

  test('a wrong current password is refused and changes nothing', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['hr'])
    const stored = await credentials(user.id)
    const before = await tableCounts(TABLES)

    const response = await changePassword(client, user, {
      currentPassword: 'pas le bon mot de passe',
      password: 'une toute nouvelle phrase',
      passwordConfirmation: 'une toute nouvelle phrase',
    })
    assertRefused(assert, response, 'Le mot de passe actuel est incorrect.')
    assert.deepEqual(await credentials(user.id), stored)
    assert.deepEqual(await tableCounts(TABLES), before)
    // This session is still open.
    const home = await client.get('/').actingAs(user).redirects(0)
    home.assertStatus(200)
  })

  test('a new password that is too short is refused and changes nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['quality'])
    const stored = await credentials(user.id)
    const before = await tableCounts(TABLES)

    const response = await changePassword(client, user, {
      currentPassword: TEST_PASSWORD,
      password: 'court',
      passwordConfirmation: 'court',
    })
    assertFieldError(assert, response, 'password')
    assert.deepEqual(await credentials(user.id), stored)
    assert.deepEqual(await tableCounts(TABLES), before)
  })
})
