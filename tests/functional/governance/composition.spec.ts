import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import {
  demoOrganisation,
  isolated,
  makeOrganisation,
  makeUser,
  tableCounts,
  inspecting,
} from '#tests/helpers'
import { loadRapport2023 } from '#database/seeders/demo'
import {
  DEMO_NEXT_MEETING_TITLE,
  DEMO_PRESIDENT,
  seedGovernanceComposition,
} from '#database/seeders/governance'
import Composition from '#reports/governance/composition'
import { requireTenant } from '#support/request_context'
import { as } from '#tests/functional/governance/helpers'

async function demoBoard() {
  const organisation = await makeOrganisation()
  const rapport = await loadRapport2023()
  await as(organisation, () => db.transaction((trx) => seedGovernanceComposition(rapport, trx)))
  return organisation
}

async function rennesVotes(organisationId: number) {
  const row = await db
    .from('seats')
    .join('member_bodies', 'member_bodies.id', 'seats.member_body_id')
    .where('seats.organisation_id', organisationId)
    .where('member_bodies.name', 'Rennes Métropole')
    .select('seats.votes')
    .firstOrFail()
  return String(Number(row.votes))
}

test.group('Governance: composition rules', (group) => {
  isolated(group)

  test('an EPCI joining then leaving recomputes Rennes Métropole votes', async ({
    client,
    assert,
  }) => {
    const organisation = await demoBoard()
    const admin = await makeUser(organisation, ['admin'])
    assert.equal(await rennesVotes(organisation.id), '8')
    const college = await db
      .from('colleges')
      .where('organisation_id', organisation.id)
      .where('number', 1)
      .firstOrFail()
    const response = await client
      .post('/gouvernance/sieges')
      .form({
        collegeId: college.id,
        memberBodyName: 'Nouvelle communauté',
        memberKind: 'epci',
        personName: 'Élue EPCI',
        role: 'titular',
        mandateStart: '2024-09-01',
        obtainedBy: 'by_right',
      })
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    response.assertStatus(302)
    assert.equal(await rennesVotes(organisation.id), '9')

    const seat = await db
      .from('seats')
      .join('member_bodies', 'member_bodies.id', 'seats.member_body_id')
      .where('member_bodies.name', 'Nouvelle communauté')
      .select('seats.id')
      .firstOrFail()
    const end = await client
      .post(`/gouvernance/sieges/${seat.id}/fin`)
      .form({ mandateEnd: '2024-12-31' })
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    end.assertStatus(302)
    assert.equal(await rennesVotes(organisation.id), '8')
  })

  test('a stale derived weight and a college over its cap are reported', async ({
    client,
    assert,
  }) => {
    const organisation = await demoBoard()
    const user = await makeUser(organisation, ['board'])
    await db
      .from('seats')
      .where('organisation_id', organisation.id)
      .where('votes', 8)
      .update({ votes: 5 })
    await db
      .from('colleges')
      .where('organisation_id', organisation.id)
      .where('number', 2)
      .update({ max_seats: 7 })
    const page = await client.get('/gouvernance?date=2024-06-13').actingAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('ne suivent plus la règle des statuts')
    page.assertTextIncludes('compte 8 sièges pour un plafond de 7')

    const admin = await makeUser(organisation, ['admin'])
    const before = await tableCounts(['seats'])
    ;(
      await client.post('/gouvernance/voix/recalcul').withCsrfToken().actingAs(admin).redirects(0)
    ).assertStatus(302)
    assert.equal(await rennesVotes(organisation.id), '8')
    assert.deepEqual(await tableCounts(['seats']), before)
  })

  test('mandates ending within 90 and 30 days raise alerts', async ({ assert }) => {
    const organisation = await demoBoard()
    // Colleges 3 and 4 are elected until 14/12/2026.
    const at = (today: string) =>
      as(organisation, () =>
        new Composition(requireTenant(), {
          day: DateTime.fromISO('2026-06-01'),
          today: DateTime.fromISO(today),
        }).build()
      )
    assert.lengthOf((await at('2026-09-01')).alerts, 0)
    const ninety = await at('2026-09-15')
    assert.lengthOf(ninety.alerts, 12)
    assert.isTrue(ninety.alerts.every((a) => a.alert === 90 && a.daysLeft === 90))
    const thirty = await at('2026-11-14')
    assert.isTrue(thirty.alerts.every((a) => a.alert === 30 && a.daysLeft === 30))
    assert.lengthOf((await at('2026-12-15')).alerts, 0)
  })

  test('the board portal shows the member their own mandate, read-only', async ({ client }) => {
    const organisation = await demoBoard()
    // Demo e-mails belong to the shared demo organisation: give this president another one.
    const email = `president-${organisation.id}@test.socle.fr`
    await db
      .from('persons')
      .where('organisation_id', organisation.id)
      .where('email', DEMO_PRESIDENT.email)
      .update({ email })
    const board = await makeUser(organisation, ['board'], { email })
    const page = await client.get('/gouvernance/portail').actingAs(board)
    page.assertStatus(200)
    page.assertTextIncludes('Titulaire pour Rennes Métropole')
    page.assertTextIncludes('Prochaines séances')
    // The grants tables exist: their figure is shown (none awaited in this organisation).
    page.assertTextIncludes('financements attendus sous 12 mois (0 versement(s), reste à recevoir)')
    const other = await makeUser(organisation, ['board'])
    const empty = await client.get('/gouvernance/portail').actingAs(other)
    empty.assertTextIncludes("Aucun mandat n'est rattaché à votre adresse e-mail.")
  })
})

test.group('Governance: board portal on the whole demo', (group) => {
  isolated(group)

  test('the demo board member sees their mandate, meetings and figures, nothing about staff', async ({
    client,
    assert,
  }) => {
    const { default: User } = await import('#models/core/user')
    const organisation = await demoOrganisation()
    const board = await inspecting(() =>
      User.query()
        .where('organisation_id', organisation.id)
        .where('email', DEMO_PRESIDENT.email)
        .firstOrFail()
    )
    const page = await client.get('/gouvernance/portail').actingAs(board)
    page.assertStatus(200)
    page.assertTextIncludes('Titulaire pour Rennes Métropole')
    page.assertTextIncludes('Dernières séances')
    page.assertTextIncludes('Budget et réalisé')
    page.assertTextIncludes(DEMO_NEXT_MEETING_TITLE.replace("'", '&#x27;'))
    assert.notInclude(page.text(), 'salaire')
  }).timeout(120000)

  test('the budget table opens on the latest year with data and follows the year picker', async ({
    client,
    assert,
  }) => {
    const { default: User } = await import('#models/core/user')
    const organisation = await demoOrganisation()
    const board = await inspecting(() =>
      User.query()
        .where('organisation_id', organisation.id)
        .where('email', DEMO_PRESIDENT.email)
        .firstOrFail()
    )
    // 2023 holds the demo ledger and has no budget of its own: it is set beside the 2024 budget,
    // as the annual report does; the picker offers the years with data.
    const page = await client.get('/gouvernance/portail').actingAs(board)
    page.assertStatus(200)
    page.assertTextIncludes('id="annee-choisie"')
    const caption = page.text().match(/<caption>([^<]*budget[^<]*)<\/caption>/)
    assert.isNotNull(caption)
    assert.match(caption![1], /2023/)
    assert.match(caption![1], /Budget prévisionnel 2024/)

    const asked = await client.get('/gouvernance/portail?annee=2024').actingAs(board)
    asked.assertStatus(200)
    const askedCaption = asked.text().match(/<caption>([^<]*budget[^<]*)<\/caption>/)
    assert.isNotNull(askedCaption)
    assert.match(askedCaption![1], /^(Exercice )?2024/)

    const refused = await client.get('/gouvernance/portail?annee=abc').actingAs(board).redirects(0)
    assert.oneOf(refused.status(), [302, 422])
  }).timeout(120000)
})

test.group('Governance: colleges are data', (group) => {
  isolated(group)

  test('changing the votes per seat recomputes the seats; others get 403; bad values change nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await demoBoard()
    const admin = await makeUser(organisation, ['direction'])
    const hr = await makeUser(organisation, ['hr'])
    const college = await db
      .from('colleges')
      .where('organisation_id', organisation.id)
      .where('number', 2)
      .firstOrFail()
    const form = {
      name: college.name,
      maxSeats: '8',
      ruleKind: 'fixed_per_seat',
      votesPerSeat: '3',
      version: String(college.version),
    }
    const votes = async () =>
      (await db.from('seats').where('college_id', college.id)).map((s) => Number(s.votes))
    ;(
      await client
        .post(`/gouvernance/colleges/${college.id}`)
        .form(form)
        .withCsrfToken()
        .actingAs(hr)
        .redirects(0)
    ).assertStatus(403)
    const before = await tableCounts(['colleges', 'seats', 'audit_events'])
    ;(
      await client
        .post(`/gouvernance/colleges/${college.id}`)
        .form({ ...form, maxSeats: '0' })
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)
    ).assertStatus(302)
    assert.deepEqual(await tableCounts(['colleges', 'seats', 'audit_events']), before)
    assert.deepEqual(await votes(), [1, 1, 1, 1, 1, 1, 1, 1])
    ;(
      await client
        .post(`/gouvernance/colleges/${college.id}`)
        .form(form)
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)
    ).assertStatus(302)
    assert.deepEqual(await votes(), [3, 3, 3, 3, 3, 3, 3, 3])
    ;(
      await client.get(`/gouvernance/colleges/${college.id}/modifier`).actingAs(admin)
    ).assertStatus(200)
  })
})
