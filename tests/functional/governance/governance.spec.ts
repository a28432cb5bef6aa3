import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts, inspecting } from '#tests/helpers'
import { smallBoard, attendancesOf, setStatuses, as } from '#tests/functional/governance/helpers'
import Resolution, { adoptedAllocationResolution } from '#models/governance/resolution'
import { addResolution } from '#actions/governance/meetings'
import type Meeting from '#models/governance/meeting'

const TABLES = [
  'seats',
  'member_bodies',
  'persons',
  'attendances',
  'votes',
  'resolutions',
  'meetings',
  'audit_events',
]

async function resolutionFor(
  organisation: any,
  meeting: Meeting,
  subjectKind = 'other',
  fiscalYearId: number | null = null
) {
  return as(organisation, () =>
    db.transaction((trx) =>
      addResolution(
        meeting,
        { title: 'Résolution de test', majority: 'simple', subjectKind, fiscalYearId },
        trx
      )
    )
  )
}

test.group('Governance: roles', (group) => {
  isolated(group)

  test('board, finance, hr and quality get 403 on every write; board reads', async ({ client }) => {
    const organisation = await makeOrganisation()
    const { meeting, college } = await smallBoard(organisation)
    const [a] = await attendancesOf(meeting)
    const resolution = await resolutionFor(organisation, meeting)
    for (const role of ['board', 'finance', 'hr', 'quality'] as const) {
      const user = await makeUser(organisation, [role])
      const before = await tableCounts(TABLES)
      const writes = [
        client.post('/gouvernance/seances').form({ kind: 'ca', title: 'CA', heldOn: '2024-09-01' }),
        client
          .post(`/gouvernance/seances/${meeting.id}/presences/${a}`)
          .form({ status: 'present' }),
        client
          .post(`/gouvernance/seances/${meeting.id}/resolutions`)
          .form({ title: 'X', majority: 'simple', subjectKind: 'other' }),
        client
          .post(`/gouvernance/resolutions/${resolution.id}/votes`)
          .form({ [`choices[m${a}]`]: 'for' }),
        client.post(`/gouvernance/resolutions/${resolution.id}/resultat`),
        client.post('/gouvernance/sieges').form({
          collegeId: college.id,
          memberBodyName: 'X',
          memberKind: 'autre',
          role: 'titular',
          mandateStart: '2024-01-01',
          obtainedBy: 'designated',
        }),
        client.post('/gouvernance/voix/recalcul'),
      ]
      for (const request of writes) {
        const response = await request.withCsrfToken().actingAs(user).redirects(0)
        response.assertStatus(403)
      }
      ;(await client.get('/gouvernance/sieges/nouveau').actingAs(user)).assertStatus(403)
      const after = await tableCounts(TABLES)
      if (JSON.stringify(before) !== JSON.stringify(after)) throw new Error(`${role} changed data`)
      if (role === 'board') {
        ;(await client.get('/gouvernance').actingAs(user)).assertStatus(200)
        ;(await client.get(`/gouvernance/seances/${meeting.id}`).actingAs(user)).assertStatus(200)
        ;(await client.get('/gouvernance/portail').actingAs(user)).assertStatus(200)
      }
    }
  })
})

test.group('Governance: bad input is refused in French and changes nothing', (group) => {
  isolated(group)

  async function refused(
    response: any,
    assert: any,
    before: Record<string, number>,
    message: string
  ) {
    response.assertStatus(303)
    const flash = response.flashMessages()
    assert.include(String(flash.error), message)
    assert.deepEqual(await tableCounts(TABLES), before)
  }

  test('a seat beyond the college cap', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const { advisory } = await smallBoard(organisation, { consultative: 2 })
    const before = await tableCounts(TABLES)
    const response = await client
      .post('/gouvernance/sieges')
      .form({
        collegeId: advisory.id,
        memberBodyName: 'Nouveau',
        memberKind: 'usagers',
        role: 'titular',
        mandateStart: '2024-03-01',
        obtainedBy: 'elected',
      })
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    await refused(response, assert, before, 'compte au plus 2 sièges')
  })

  test('a mandate ending before it starts', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['direction'])
    const { college } = await smallBoard(organisation)
    const before = await tableCounts(TABLES)
    const response = await client
      .post('/gouvernance/sieges')
      .form({
        collegeId: college.id,
        memberBodyName: 'Nouveau',
        memberKind: 'autre',
        role: 'titular',
        mandateStart: '2024-03-01',
        mandateEnd: '2024-02-01',
        obtainedBy: 'designated',
      })
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    await refused(response, assert, before, 'La fin du mandat doit être postérieure à son début.')
  })

  test('a proxy to an absent member, and proxies beyond the cap', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const { meeting } = await smallBoard(organisation, { members: 4, maxProxies: 1 })
    const [a, b, c] = await attendancesOf(meeting)
    let before = await tableCounts(TABLES)
    let response = await client
      .post(`/gouvernance/seances/${meeting.id}/presences/${b}`)
      .form({ status: 'represented', proxyToId: a })
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    await refused(response, assert, before, "Le pouvoir ne peut être donné qu'à un membre présent")

    await setStatuses(organisation, meeting, [
      [a, 'present', null],
      [b, 'represented', a],
    ])
    before = await tableCounts(TABLES)
    response = await client
      .post(`/gouvernance/seances/${meeting.id}/presences/${c}`)
      .form({ status: 'represented', proxyToId: a })
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    await refused(response, assert, before, 'détient déjà le nombre maximal de pouvoirs (1)')
  })

  test('a vote by an absent member, and votes without quorum', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const { meeting } = await smallBoard(organisation, { members: 4 })
    const [a, b, c] = await attendancesOf(meeting)
    const resolution = await resolutionFor(organisation, meeting)
    await setStatuses(organisation, meeting, [[a, 'present', null]])
    let before = await tableCounts(TABLES)
    let response = await client
      .post(`/gouvernance/resolutions/${resolution.id}/votes`)
      .form({ [`choices[m${a}]`]: 'for' })
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    await refused(response, assert, before, "Le quorum n'est pas atteint")

    await setStatuses(organisation, meeting, [[b, 'present', null]])
    before = await tableCounts(TABLES)
    response = await client
      .post(`/gouvernance/resolutions/${resolution.id}/votes`)
      .form({ [`choices[m${a}]`]: 'for', [`choices[m${c}]`]: 'for' })
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    await refused(response, assert, before, "n'est ni présent ni représenté")
  })

  test('invalid form values get field errors', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const before = await tableCounts(TABLES)
    const response = await client
      .post('/gouvernance/seances')
      .form({ kind: 'conclave', title: '', heldOn: 'demain' })
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    response.assertStatus(302)
    assert.deepEqual(await tableCounts(TABLES), before)
  })
})

test.group('Governance: the database refuses what the domain refuses', (group) => {
  isolated(group)

  test('triggers and checks hold even when the domain code is bypassed', async ({ assert }) => {
    const organisation = await makeOrganisation()
    const { meeting, advisory } = await smallBoard(organisation, { members: 4, consultative: 2 })
    const [a, b, c] = await attendancesOf(meeting)
    const body = await db
      .table('member_bodies')
      .insert({ organisation_id: organisation.id, name: 'Intrus', kind: 'autre' })
      .returning('id')
    // Each attempt runs in a savepoint, rolled back when the database refuses it.
    const attempt = async (work: (trx: any) => Promise<unknown>, message: string) => {
      const error: Error | null = await db
        .transaction(async (trx) => {
          await work(trx)
        })
        .then(
          () => null,
          (e) => e
        )
      assert.isNotNull(error, message)
      assert.include(error!.message, message)
    }
    await attempt(
      (trx) =>
        trx.table('seats').insert({
          organisation_id: organisation.id,
          college_id: advisory.id,
          member_body_id: body[0].id,
          mandate_start: '2024-05-01',
        }),
      'compte au plus 2 sièges'
    )
    await attempt(
      (trx) =>
        trx.table('seats').insert({
          organisation_id: organisation.id,
          college_id: advisory.id,
          member_body_id: body[0].id,
          mandate_start: '2024-05-01',
          mandate_end: '2024-04-01',
          role: 'alternate',
        }),
      'seats_mandate_end_after_start'
    )
    await attempt(
      (trx) =>
        trx.from('attendances').where('id', b).update({ status: 'represented', proxy_to_id: a }),
      "Le pouvoir ne peut être donné qu'à un membre présent"
    )
    const resolution = await resolutionFor(organisation, meeting)
    await attempt(
      (trx) =>
        trx.table('votes').insert({
          organisation_id: organisation.id,
          resolution_id: resolution.id,
          attendance_id: c,
          choice: 'for',
          weight: 1,
        }),
      "n'est ni présent ni représenté"
    )
    await db.from('attendances').where('id', a).update({ status: 'present' })
    await attempt(
      (trx) =>
        trx.table('votes').insert({
          organisation_id: organisation.id,
          resolution_id: resolution.id,
          attendance_id: a,
          choice: 'for',
          weight: 1,
        }),
      "Le quorum n'est pas atteint"
    )
    await db.from('attendances').where('id', b).update({ status: 'represented', proxy_to_id: a })
    await attempt(
      (trx) =>
        trx.from('attendances').where('id', c).update({ status: 'represented', proxy_to_id: a }),
      'nombre maximal de pouvoirs'
    )
  })
})

test.group('Governance: a meeting from attendance to minutes', (group) => {
  isolated(group)

  test('attendance with a proxy, quorum, weighted votes, result, minutes and the accounting link', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['direction'])
    const { meeting } = await smallBoard(organisation, { members: 4, consultative: 1 })
    const [a, b, c, , advisory] = await attendancesOf(meeting)
    const post = (url: string, form: Record<string, unknown> = {}) =>
      client.post(url).form(form).withCsrfToken().actingAs(admin).redirects(0)

    ;(
      await post(`/gouvernance/seances/${meeting.id}/presences/${a}`, { status: 'present' })
    ).assertStatus(302)
    ;(
      await post(`/gouvernance/seances/${meeting.id}/presences/${b}`, {
        status: 'represented',
        proxyToId: a,
      })
    ).assertStatus(302)
    ;(
      await post(`/gouvernance/seances/${meeting.id}/presences/${advisory}`, { status: 'present' })
    ).assertStatus(302)
    const page = await client.get(`/gouvernance/seances/${meeting.id}`).actingAs(admin)
    page.assertTextIncludes('Quorum atteint')
    assert.notInclude(page.text(), '@export_link')

    ;(
      await post(`/gouvernance/seances/${meeting.id}/resolutions`, {
        title: 'Affectation du résultat 2023',
        majority: 'simple',
        subjectKind: 'allocate_result',
      })
    ).assertStatus(303)
    assert.equal(
      await inspecting(() =>
        Resolution.query()
          .where('meeting_id', meeting.id)
          .count('* as n')
          .then((r) => Number(r[0].$extras.n))
      ),
      0
    )

    const fiscalYear = await db
      .table('fiscal_years')
      .insert({
        organisation_id: organisation.id,
        label: '2023',
        start_date: '2023-01-01',
        end_date: '2023-12-31',
      })
      .returning('id')
    ;(
      await post(`/gouvernance/seances/${meeting.id}/resolutions`, {
        title: 'Affectation du résultat 2023',
        majority: 'simple',
        subjectKind: 'allocate_result',
        fiscalYearId: fiscalYear[0].id,
      })
    ).assertStatus(302)
    const resolution = await db.from('resolutions').where('meeting_id', meeting.id).firstOrFail()
    ;(
      await post(`/gouvernance/resolutions/${resolution.id}/votes`, {
        [`choices[m${a}]`]: 'for',
        [`choices[m${b}]`]: 'against',
        [`choices[m${advisory}]`]: 'against',
      })
    ).assertStatus(302)
    // 1 for, 1 against (the consultative "against" is not counted): a tie is rejected.
    assert.isNull(await adoptedAllocationResolution(organisation.id, fiscalYear[0].id))
    ;(
      await post(`/gouvernance/resolutions/${resolution.id}/votes`, { [`choices[m${b}]`]: 'for' })
    ).assertStatus(302)
    // Proclaiming asks for confirmation (issue #15).
    ;(
      await post(`/gouvernance/resolutions/${resolution.id}/resultat`, { confirmation: '1' })
    ).assertStatus(302)
    const adopted = await adoptedAllocationResolution(organisation.id, fiscalYear[0].id)
    assert.equal(adopted?.id, resolution.id)
    const event = await db
      .from('audit_events')
      .where('action', 'resolution.adopted')
      .where('subject_id', String(resolution.id))
      .first()
    assert.exists(event)
    assert.notExists(await db.from('votes').where('attendance_id', c).first())

    const minutes = await client
      .get(`/gouvernance/seances/${meeting.id}/proces-verbal`)
      .actingAs(admin)
    minutes.assertStatus(200)
    minutes.assertTextIncludes('le quorum est atteint')
    minutes.assertTextIncludes('Adoptée')
    minutes.assertTextIncludes(' à ')

    const xlsx = await client
      .get(`/gouvernance/seances/${meeting.id}/presences.xlsx`)
      .actingAs(admin)
    xlsx.assertStatus(200)
    assert.include(xlsx.header('content-type'), 'spreadsheetml')

    // Accounting may only cite the adopted allocation resolution.
    const allocation = {
      organisation_id: organisation.id,
      fiscal_year_id: fiscalYear[0].id,
      result: '100.00',
      to_report: '100.00',
    }
    const error = await db
      .transaction((trx) =>
        trx
          .table('result_allocations')
          .insert({ ...allocation, resolution_id: resolution.id + 1000 })
      )
      .catch((e) => e)
    assert.instanceOf(error, Error)
    // A board's resolution, even adopted, never founds it: only a general assembly allocates
    // the result (migration 8700; tests/functional/accounting/allocation_gate.spec.ts).
    const board = await db
      .transaction((trx) =>
        trx.table('result_allocations').insert({ ...allocation, resolution_id: resolution.id })
      )
      .catch((e) => e)
    assert.match(String(board?.message), /assemblée générale/)
  })
})

test.group('Governance: isolation and exports', (group) => {
  isolated(group)

  test("an organisation never sees another one's governance", async ({ client, assert }) => {
    const mine = await makeOrganisation('Mission A')
    const other = await makeOrganisation('Mission B')
    const { meeting } = await smallBoard(other)
    const user = await makeUser(mine, ['admin'])
    ;(await client.get(`/gouvernance/seances/${meeting.id}`).actingAs(user)).assertStatus(404)
    ;(
      await client.get(`/gouvernance/seances/${meeting.id}/proces-verbal`).actingAs(user)
    ).assertStatus(404)
    const [a] = await attendancesOf(meeting)
    const before = await tableCounts(TABLES)
    const response = await client
      .post(`/gouvernance/seances/${meeting.id}/presences/${a}`)
      .form({ status: 'present' })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    response.assertStatus(404)
    assert.deepEqual(await tableCounts(TABLES), before)
    const page = await client.get('/gouvernance').actingAs(user)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'Membre 1')
    const list = await client.get('/gouvernance/seances').actingAs(user)
    assert.notInclude(list.text(), 'CA de test')
  })

  test('composition page, print view and Excel export', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    await smallBoard(organisation)
    const user = await makeUser(organisation, ['board'])
    const page = await client.get('/gouvernance?date=2024-06-13').actingAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('Membre 1')
    page.assertTextIncludes('Total collège 1')
    assert.notInclude(page.text(), '@export_link')
    assert.include(page.text(), 'href="/gouvernance/composition.xlsx?date=2024-06-13"')
    ;(
      await client.get('/gouvernance/composition/impression?date=2024-06-13').actingAs(user)
    ).assertStatus(200)
    const xlsx = await client.get('/gouvernance/composition.xlsx?date=2024-06-13').actingAs(user)
    xlsx.assertStatus(200)
    assert.include(xlsx.header('content-type'), 'spreadsheetml')
  })
})

test.group('Governance: quorum rules are data', (group) => {
  isolated(group)

  test('the secretariat changes the proxy cap; others get 403; bad values change nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const finance = await makeUser(organisation, ['finance'])
    const { meeting } = await smallBoard(organisation, { members: 4, maxProxies: 1 })
    const rule = await db
      .from('quorum_rules')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    const form = {
      basis: 'members',
      percent: '50',
      comparison: 'gte',
      countsRepresented: '1',
      maxProxiesPerPerson: '2',
      version: String(rule.version),
    }
    ;(
      await client
        .post('/gouvernance/regles/ca')
        .form(form)
        .withCsrfToken()
        .actingAs(finance)
        .redirects(0)
    ).assertStatus(403)
    const refused = await client
      .post('/gouvernance/regles/ca')
      .form({ ...form, percent: '150' })
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    refused.assertStatus(302)
    assert.equal(
      (await db.from('quorum_rules').where('id', rule.id).firstOrFail()).max_proxies_per_person,
      1
    )
    ;(
      await client
        .post('/gouvernance/regles/ca')
        .form(form)
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)
    ).assertStatus(302)
    assert.equal(
      (await db.from('quorum_rules').where('id', rule.id).firstOrFail()).max_proxies_per_person,
      2
    )
    // Two proxies to the same member are now accepted, a third is not.
    const [a, b, c, d] = await attendancesOf(meeting)
    await setStatuses(organisation, meeting, [
      [a, 'present', null],
      [b, 'represented', a],
      [c, 'represented', a],
    ])
    const third = await client
      .post(`/gouvernance/seances/${meeting.id}/presences/${d}`)
      .form({ status: 'represented', proxyToId: a })
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    assert.include(String(third.flashMessages().error), 'nombre maximal de pouvoirs (2)')
    ;(await client.get('/gouvernance/regles').actingAs(finance)).assertStatus(200)
    const xlsx = await client.get('/gouvernance/regles.xlsx').actingAs(finance)
    xlsx.assertStatus(200)
    assert.include(xlsx.header('content-type'), 'spreadsheetml')
  })
})
