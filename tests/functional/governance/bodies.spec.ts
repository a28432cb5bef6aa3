import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { as } from '#tests/functional/governance/helpers'
import type Organisation from '#models/core/organisation'
import College from '#models/governance/college'
import MemberBody from '#models/governance/member_body'
import Person from '#models/governance/person'
import { addSeat } from '#actions/governance/seats'

const TABLES = ['member_bodies', 'persons', 'seats', 'audit_events']

/** Two bodies; Jeanne Martin holds a running seat for the first one. */
async function fixture(organisation: Organisation) {
  return as(organisation, () =>
    db.transaction(async (trx) => {
      const college = await College.create(
        {
          number: 1,
          name: 'Membres',
          maxSeats: 4,
          voteRule: { kind: 'fixed_per_seat', votes: 1 },
          deliberative: true,
        },
        { client: trx }
      )
      const seated = await MemberBody.create(
        { name: 'Ville de Rennes', kind: 'collectivite' },
        { client: trx }
      )
      const other = await MemberBody.create({ name: 'Pôle emploi', kind: 'etat' }, { client: trx })
      const person = await Person.create(
        { fullName: 'Jeanne Martin', email: null, memberBodyId: seated.id },
        { client: trx }
      )
      await addSeat(
        {
          collegeId: college.id,
          memberBodyId: seated.id,
          personId: person.id,
          obtainedBy: 'designated',
          mandateStart: DateTime.fromISO('2024-01-01'),
        },
        trx
      )
      return { seated, other, person }
    })
  )
}

async function auditCount(subjectType: string, action: string, organisationId: number) {
  const [{ count }] = await db
    .from('audit_events')
    .where('organisation_id', organisationId)
    .where('domain', 'governance')
    .where('subject_type', subjectType)
    .where('action', action)
    .count('* as count')
  return Number(count)
}

test.group('Governance: member bodies and representatives', (group) => {
  isolated(group)

  test('direction creates and edits a body and a person, with audit events', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['direction'])
    let response = await client
      .post('/gouvernance/membres')
      .form({ name: 'Communauté de communes du Val', kind: 'epci' })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    response.assertStatus(302)
    const body = await db
      .from('member_bodies')
      .where('organisation_id', organisation.id)
      .where('name', 'Communauté de communes du Val')
      .firstOrFail()
    assert.equal(body.kind, 'epci')
    assert.isTrue(body.is_active)

    response = await client
      .post(`/gouvernance/membres/${body.id}`)
      .form({ name: 'CC du Val', kind: 'epci', isActive: '1', version: body.version })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    response.assertStatus(302)
    const renamed = await db.from('member_bodies').where('id', body.id).firstOrFail()
    assert.equal(renamed.name, 'CC du Val')
    assert.equal(renamed.version, body.version + 1)

    response = await client
      .post('/gouvernance/personnes')
      .form({ fullName: 'Paul Durand', email: 'Paul.Durand@example.org', memberBodyId: body.id })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    response.assertStatus(302)
    const person = await db
      .from('persons')
      .where('organisation_id', organisation.id)
      .where('full_name', 'Paul Durand')
      .firstOrFail()
    assert.equal(person.email, 'paul.durand@example.org')
    assert.equal(person.member_body_id, body.id)

    response = await client
      .post(`/gouvernance/personnes/${person.id}`)
      .form({
        fullName: 'Paul Durand-Le Gall',
        email: '',
        memberBodyId: '',
        version: person.version,
      })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    response.assertStatus(302)
    const edited = await db.from('persons').where('id', person.id).firstOrFail()
    assert.equal(edited.full_name, 'Paul Durand-Le Gall')
    assert.isNull(edited.email)
    assert.isNull(edited.member_body_id)

    assert.equal(await auditCount('member_bodies', 'create', organisation.id), 1)
    assert.equal(await auditCount('member_bodies', 'update', organisation.id), 1)
    assert.equal(await auditCount('persons', 'create', organisation.id), 1)
    assert.equal(await auditCount('persons', 'update', organisation.id), 1)

    const page = await client.get('/gouvernance/membres').actingAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('CC du Val')
    page.assertTextIncludes('Paul Durand-Le Gall')
    page.assertTextIncludes('/gouvernance/membres/nouveau')
    for (const url of [
      '/gouvernance/membres/nouveau',
      `/gouvernance/membres/${body.id}/modifier`,
      `/gouvernance/personnes/nouvelle?membre=${body.id}`,
      `/gouvernance/personnes/${person.id}/modifier`,
    ]) {
      const form = await client.get(url).actingAs(user)
      form.assertStatus(200)
      form.assertTextIncludes('Enregistrer')
    }
    const composition = await client.get('/gouvernance').actingAs(user)
    composition.assertTextIncludes('/gouvernance/membres')
    const xlsx = await client.get('/gouvernance/membres.xlsx').actingAs(user)
    xlsx.assertStatus(200)
    xlsx.assertHeader(
      'content-type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
  })

  test('board and finance get 403 on every write route and nothing changes', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const { seated, person } = await fixture(organisation)
    for (const role of ['board', 'finance'] as const) {
      const user = await makeUser(organisation, [role])
      const before = await tableCounts(TABLES)
      const posts: Array<[string, Record<string, unknown>]> = [
        ['/gouvernance/membres', { name: 'Intrus', kind: 'autre' }],
        [`/gouvernance/membres/${seated.id}`, { name: 'Intrus', kind: 'autre', isActive: '1' }],
        [`/gouvernance/membres/${seated.id}/suppression`, {}],
        ['/gouvernance/personnes', { fullName: 'Intrus' }],
        [`/gouvernance/personnes/${person.id}`, { fullName: 'Intrus' }],
        [`/gouvernance/personnes/${person.id}/suppression`, {}],
      ]
      for (const [url, form] of posts) {
        const response = await client
          .post(url)
          .form(form)
          .withCsrfToken()
          .actingAs(user)
          .redirects(0)
        response.assertStatus(403)
      }
      for (const url of [
        '/gouvernance/membres/nouveau',
        `/gouvernance/membres/${seated.id}/modifier`,
        '/gouvernance/personnes/nouvelle',
        `/gouvernance/personnes/${person.id}/modifier`,
      ]) {
        ;(await client.get(url).actingAs(user)).assertStatus(403)
      }
      assert.deepEqual(await tableCounts(TABLES), before)
      assert.equal(
        (await db.from('member_bodies').where('id', seated.id).firstOrFail()).name,
        'Ville de Rennes'
      )
      assert.equal(
        (await db.from('persons').where('id', person.id).firstOrFail()).full_name,
        'Jeanne Martin'
      )
      const page = await client.get('/gouvernance/membres').actingAs(user)
      page.assertStatus(200)
      page.assertTextIncludes('Jeanne Martin')
      assert.notInclude(page.text(), '/gouvernance/membres/nouveau')
    }
  })

  test('invalid values get French field errors and change nothing', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['direction'])
    const { person } = await fixture(organisation)
    const before = await tableCounts(TABLES)
    let response = await client
      .post('/gouvernance/membres')
      .form({ name: 'X', kind: 'conclave' })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    response.assertStatus(302)
    let errors: any = response.flashMessages().inputErrorsBag
    assert.include(String(errors.name), 'Le champ nom doit contenir au moins 2 caractères.')
    assert.include(String(errors.kind), 'La valeur choisie pour catégorie est invalide.')

    response = await client
      .post(`/gouvernance/personnes/${person.id}`)
      .form({ fullName: '', email: 'pas-une-adresse', memberBodyId: 'abc' })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    response.assertStatus(302)
    errors = response.flashMessages().inputErrorsBag
    assert.include(String(errors.fullName), 'nom complet')
    assert.include(String(errors.email), 'Saisissez une adresse e-mail valide.')
    assert.include(String(errors.memberBodyId), 'membre représenté')
    assert.deepEqual(await tableCounts(TABLES), before)
    assert.equal(
      (await db.from('persons').where('id', person.id).firstOrFail()).full_name,
      'Jeanne Martin'
    )
  })

  test('duplicates and rule-breaking edits are refused in French and change nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['direction'])
    const { seated, other, person } = await fixture(organisation)
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        '/gouvernance/membres',
        { name: 'ville de rennes', kind: 'autre' },
        'Un membre nommé « Ville de Rennes » existe déjà',
      ],
      [
        `/gouvernance/membres/${other.id}`,
        { name: 'Ville de Rennes', kind: 'etat', isActive: '1' },
        'Un membre nommé « Ville de Rennes » existe déjà',
      ],
      [
        `/gouvernance/membres/${seated.id}`,
        { name: 'Ville de Rennes', kind: 'collectivite' },
        'détient un siège en cours',
      ],
      [`/gouvernance/membres/${seated.id}/suppression`, {}, 'a détenu des sièges'],
      [
        `/gouvernance/membres/${other.id}`,
        { name: 'Pôle emploi', kind: 'etat', isActive: '1', version: 7 },
        'modifiée par quelqu',
      ],
      [
        '/gouvernance/personnes',
        { fullName: 'JEANNE MARTIN' },
        'Une personne nommée « Jeanne Martin » existe déjà',
      ],
      [
        `/gouvernance/personnes/${person.id}`,
        { fullName: 'Jeanne Martin', memberBodyId: other.id },
        'occupe un siège en cours',
      ],
      [
        `/gouvernance/personnes/${person.id}`,
        { fullName: 'Jeanne Martin', memberBodyId: '' },
        'occupe un siège en cours',
      ],
      [`/gouvernance/personnes/${person.id}/suppression`, {}, 'figure dans des mandats'],
    ]
    for (const [url, form, message] of cases) {
      const before = await tableCounts(TABLES)
      const response = await client.post(url).form(form).withCsrfToken().actingAs(user).redirects(0)
      assert.include([302, 303], response.status(), url)
      assert.include(String(response.flashMessages().error), message, url)
      assert.deepEqual(await tableCounts(TABLES), before, url)
    }
    const body = await db.from('member_bodies').where('id', seated.id).firstOrFail()
    assert.isTrue(body.is_active)
    assert.equal(body.version, 1)
    const kept = await db.from('persons').where('id', person.id).firstOrFail()
    assert.equal(kept.member_body_id, seated.id)
    assert.equal(kept.version, 1)

    // The same name in another organisation is not a duplicate.
    const elsewhere = await makeUser(await makeOrganisation('Autre'), ['direction'])
    const response = await client
      .post('/gouvernance/membres')
      .form({ name: 'Ville de Rennes', kind: 'collectivite' })
      .withCsrfToken()
      .actingAs(elsewhere)
      .redirects(0)
    response.assertStatus(302)
    assert.isUndefined(response.flashMessages().error)
  })

  test('a person without seat can move; an unused body can be deleted', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['direction'])
    const { seated, other } = await fixture(organisation)
    const loose = await as(organisation, () =>
      Person.create({ fullName: 'Luc Bernard', email: null, memberBodyId: seated.id })
    )
    let response = await client
      .post(`/gouvernance/personnes/${loose.id}`)
      .form({ fullName: 'Luc Bernard', memberBodyId: other.id })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    response.assertStatus(302)
    assert.equal(
      (await db.from('persons').where('id', loose.id).firstOrFail()).member_body_id,
      other.id
    )

    response = await client
      .post(`/gouvernance/membres/${other.id}/suppression`)
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    assert.include(String(response.flashMessages().error), 'a encore des représentants')
    response = await client
      .post(`/gouvernance/personnes/${loose.id}/suppression`)
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    response.assertStatus(302)
    response = await client
      .post(`/gouvernance/membres/${other.id}/suppression`)
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    response.assertStatus(302)
    assert.isNull(await db.from('member_bodies').where('id', other.id).first())
    assert.equal(await auditCount('member_bodies', 'delete', organisation.id), 1)
  })

  test("another organisation's bodies and persons are 404 and unchanged", async ({
    client,
    assert,
  }) => {
    const mine = await makeOrganisation()
    const user = await makeUser(mine, ['direction'])
    const theirs = await makeOrganisation('Autre mission locale')
    const { seated, person } = await fixture(theirs)
    const before = await tableCounts(TABLES)
    ;(await client.get(`/gouvernance/membres/${seated.id}/modifier`).actingAs(user)).assertStatus(
      404
    )
    ;(await client.get(`/gouvernance/personnes/${person.id}/modifier`).actingAs(user)).assertStatus(
      404
    )
    const posts: Array<[string, Record<string, unknown>]> = [
      [`/gouvernance/membres/${seated.id}`, { name: 'Piraté', kind: 'autre', isActive: '1' }],
      [`/gouvernance/membres/${seated.id}/suppression`, {}],
      [`/gouvernance/personnes/${person.id}`, { fullName: 'Piraté' }],
      [`/gouvernance/personnes/${person.id}/suppression`, {}],
      ['/gouvernance/personnes', { fullName: 'Nouvelle', memberBodyId: seated.id }],
    ]
    for (const [url, form] of posts) {
      const response = await client.post(url).form(form).withCsrfToken().actingAs(user).redirects(0)
      response.assertStatus(404)
    }
    assert.deepEqual(await tableCounts(TABLES), before)
    assert.equal(
      (await db.from('member_bodies').where('id', seated.id).firstOrFail()).name,
      'Ville de Rennes'
    )
    const page = await client.get('/gouvernance/membres').actingAs(user)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'Jeanne Martin')
    assert.notInclude(page.text(), 'Ville de Rennes')
  })
})
