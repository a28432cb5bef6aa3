import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import { inspecting, isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { smallBoard, attendancesOf } from '#tests/functional/governance/helpers'
import { assertFieldError, assertRefused } from '#tests/support/refusals'

/**
 * Creating a meeting (POST /gouvernance/seances) had no tested success: the meeting is stored
 * and every titular seat in force that day is convened (one attendance each). Refusals change
 * nothing.
 */

const TABLES = ['meetings', 'attendances', 'resolutions', 'audit_events']

function postMeeting(client: ApiClient, user: User, form: Record<string, unknown>) {
  return client.post('/gouvernance/seances').form(form).withCsrfToken().actingAs(user).redirects(0)
}

test.group('Write routes | governance meetings', (group) => {
  isolated(group)

  test('an admin creates a meeting; the seats in force are convened', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const { meeting: earlier } = await smallBoard(organisation, { members: 3, consultative: 1 })
    const seatsInForce = (await attendancesOf(earlier)).length
    const before = await tableCounts(TABLES)

    const response = await postMeeting(client, admin, {
      kind: 'ca',
      title: 'Conseil d’administration de septembre',
      heldOn: '2024-09-19',
      heldTime: '17:30',
      location: 'Siège, salle du conseil',
      convenedAt: '2024-09-01',
      agenda: 'Budget rectificatif',
    })
    response.assertStatus(302)
    response.assertFlashMessage(
      'success',
      'Séance créée : les membres en fonction à cette date sont convoqués.'
    )
    const meeting = await inspecting(() =>
      db
        .from('meetings')
        .where({ organisation_id: organisation.id, title: 'Conseil d’administration de septembre' })
        .firstOrFail()
    )
    response.assertHeader('location', `/gouvernance/seances/${meeting.id}`)
    assert.equal(meeting.kind, 'ca')
    assert.equal(meeting.status, 'planned')
    assert.equal(meeting.location, 'Siège, salle du conseil')
    const attendances = await inspecting(() =>
      db.from('attendances').where('meeting_id', meeting.id)
    )
    assert.equal(seatsInForce, 4)
    assert.lengthOf(attendances, seatsInForce)
    assert.isTrue(attendances.every((row) => row.status === 'absent'))
    const after = await tableCounts(TABLES)
    assert.equal(after.meetings, before.meetings + 1)
    assert.equal(after.attendances, before.attendances + seatsInForce)

    const page = await client.get(`/gouvernance/seances/${meeting.id}`).actingAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('Conseil d’administration de septembre')
  })

  test('a convocation after the meeting, a bad kind or a board member change nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const board = await makeUser(organisation, ['board'])
    await smallBoard(organisation, { members: 3 })
    const before = await tableCounts(TABLES)

    const late = await postMeeting(client, admin, {
      kind: 'ca',
      title: 'Convoqué trop tard',
      heldOn: '2024-09-19',
      convenedAt: '2024-09-20',
    })
    late.assertStatus(303)
    assertRefused(assert, late, 'La convocation doit précéder la séance.')
    assert.deepEqual(await tableCounts(TABLES), before)

    const invalid = await postMeeting(client, admin, {
      kind: 'conclave',
      title: 'Conclave',
      heldOn: '2024-09-19',
    })
    assertFieldError(assert, invalid, 'kind')
    assert.deepEqual(await tableCounts(TABLES), before)

    const denied = await postMeeting(client, board, {
      kind: 'ca',
      title: 'Séance du conseil',
      heldOn: '2024-09-19',
    })
    denied.assertStatus(403)
    assert.deepEqual(await tableCounts(TABLES), before)
  })
})
