import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { mkdir, writeFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import type Organisation from '#models/core/organisation'
import Meeting from '#models/governance/meeting'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { smallBoard, attendancesOf, setStatuses, as } from '#tests/functional/governance/helpers'
import { assertFieldError, assertRefused } from '#tests/support/refusals'
import { addResolution } from '#actions/governance/meetings'
import { translateDatabaseError, RuleError } from '#support/domain_errors'
import { GOVERNANCE_CONSTRAINT_MESSAGES } from '#vocabulary/governance'

/**
 * Issue #15, governance: alternates sit in for an absent titular, the president's casting vote
 * where the statutes give one, each kind of meeting convenes its own body, a meeting to come
 * cannot be held, a proclamation is confirmed and can be rectified until the signed minutes are
 * filed, and the member rules hold in PostgreSQL too. Everything goes through HTTP; every
 * refusal changes nothing.
 */

const TABLES = [
  'seats',
  'meetings',
  'attendances',
  'votes',
  'resolutions',
  'resolution_rectifications',
  'audit_events',
]

type Form = Record<string, unknown>

function post(client: ApiClient, user: User, url: string, form: Form = {}) {
  return client.post(url).form(form).withCsrfToken().actingAs(user).redirects(0)
}

/** The whole attendance list's form: rows[m<id>][status] (and [proxyToId]). */
function rows(entries: Array<[number, string, number?]>): Form {
  const form: Form = {}
  for (const [id, status, proxy] of entries) {
    form[`rows[m${id}][status]`] = status
    if (proxy) form[`rows[m${id}][proxyToId]`] = proxy
  }
  return form
}

function choices(entries: Array<[number, string]>): Form {
  return Object.fromEntries(entries.map(([id, choice]) => [`choices[m${id}]`, choice]))
}

async function resolutionOn(organisation: Organisation, meeting: Meeting, title = 'Budget 2025') {
  return as(organisation, () =>
    db.transaction((trx) =>
      addResolution(meeting, { title, majority: 'simple', subjectKind: 'other' }, trx)
    )
  )
}

/** A meeting convened through HTTP, as a model. */
function meetingTitled(organisation: Organisation, title: string) {
  return as(organisation, () => Meeting.query().where('title', title).firstOrFail())
}

const statusOf = async (id: number) =>
  (await db.from('attendances').where('id', id).firstOrFail()).status as string

const resolutionRow = (id: number) => db.from('resolutions').where('id', id).firstOrFail()

test.group('Governance statutes | alternates', (group) => {
  isolated(group)

  test('an alternate sits in and votes with the titular’s weight when the titular is represented by them', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const { meeting } = await smallBoard(organisation, {
      members: 4,
      consultative: 0,
      weights: [1, 1, 3, 1],
      alternates: [2],
    })
    const [a, b, c, alternate, d] = await attendancesOf(meeting)
    const row = await db.from('attendances').where('id', alternate).firstOrFail()
    assert.equal(row.alternate_for_id, c)
    assert.equal(Number(row.votes), 3)
    assert.equal(row.name, 'Membre 3 (suppléant·e)')

    const events = async () =>
      Number(
        (
          await db
            .from('audit_events')
            .where('organisation_id', organisation.id)
            .where('subject_type', 'attendances')
            .where('action', 'update')
            .count('* as n')
        )[0].n
      )
    const eventsBefore = await events()
    const saved = await post(
      client,
      admin,
      `/gouvernance/seances/${meeting.id}/presences`,
      rows([
        [a, 'present'],
        [b, 'present'],
        [c, 'substituted'],
        [alternate, 'present'],
        [d, 'absent'],
      ])
    )
    saved.assertStatus(302)
    saved.assertFlashMessage('success', 'Présences enregistrées (4 modification(s)).')
    const statuses = []
    for (const id of [a, b, c, alternate, d]) statuses.push(await statusOf(id))
    assert.deepEqual(statuses, ['present', 'present', 'substituted', 'present', 'absent'])
    assert.equal(await events(), eventsBefore + 4)
    assert.equal((await db.from('meetings').where('id', meeting.id).firstOrFail()).status, 'held')

    const page = await client.get(`/gouvernance/seances/${meeting.id}`).actingAs(admin)
    page.assertTextIncludes('Quorum atteint')

    const resolution = await resolutionOn(organisation, meeting)
    const voting = await client.get(`/gouvernance/seances/${meeting.id}`).actingAs(admin)
    voting.assertTextIncludes('Membre 3 (suppléant·e) (à la place de Membre 3)')
    assert.notInclude(voting.text(), `choices[m${c}]`)
    // The titular replaced by their alternate does not vote.
    const before = await tableCounts(TABLES)
    const titularVote = await post(
      client,
      admin,
      `/gouvernance/resolutions/${resolution.id}/votes`,
      choices([[c, 'for']])
    )
    assertRefused(
      assert,
      titularVote,
      "Membre 3 n'est ni présent ni représenté : son vote ne peut pas être enregistré."
    )
    assert.deepEqual(await tableCounts(TABLES), before)

    ;(
      await post(
        client,
        admin,
        `/gouvernance/resolutions/${resolution.id}/votes`,
        choices([
          [a, 'against'],
          [b, 'against'],
          [alternate, 'for'],
        ])
      )
    ).assertStatus(302)
    const cast = await db.from('votes').where('attendance_id', alternate).firstOrFail()
    assert.equal(Number(cast.weight), 3)
    ;(
      await post(client, admin, `/gouvernance/resolutions/${resolution.id}/resultat`, {
        confirmation: '1',
      })
    ).assertStatus(302)
    const proclaimed = await resolutionRow(resolution.id)
    // 3 for (the alternate, with the titular's 3 votes) against 2.
    assert.equal(proclaimed.result, 'adopted')
    assert.equal(Number(proclaimed.votes_for), 3)
    assert.equal(Number(proclaimed.votes_against), 2)

    // Once the alternate voted in their place, the titular cannot come back.
    const back = await post(
      client,
      admin,
      `/gouvernance/seances/${meeting.id}/presences`,
      rows([[c, 'present']])
    )
    assertRefused(
      assert,
      back,
      'Le suppléant de Membre 3 a déjà voté à sa place : la présence du titulaire ne peut plus changer.'
    )
    assert.equal(await statusOf(c), 'substituted')
  })

  test('an alternate present with the titular present does not vote; a list with a broken rule changes nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const { meeting } = await smallBoard(organisation, {
      members: 4,
      consultative: 0,
      alternates: [2],
    })
    const [a, b, c, alternate] = await attendancesOf(meeting)

    // The whole list is one transaction: the first rows are not kept when a later one is refused.
    let before = await tableCounts(TABLES)
    const missing = await post(
      client,
      admin,
      `/gouvernance/seances/${meeting.id}/presences`,
      rows([
        [a, 'present'],
        [b, 'present'],
        [c, 'substituted'],
      ])
    )
    assertRefused(
      assert,
      missing,
      'Membre 3 ne peut être représenté par son suppléant que si celui-ci (Membre 3 (suppléant·e)) est présent.'
    )
    assert.deepEqual(await tableCounts(TABLES), before)
    assert.equal(await statusOf(a), 'absent')

    const wrongStatus = await post(
      client,
      admin,
      `/gouvernance/seances/${meeting.id}/presences`,
      rows([[alternate, 'represented', a]])
    )
    assertRefused(
      assert,
      wrongStatus,
      'Membre 3 (suppléant·e) est suppléant : il est présent, absent ou excusé (il siège quand son titulaire est représenté par lui).'
    )
    const invalid = await post(client, admin, `/gouvernance/seances/${meeting.id}/presences`, {
      'rows[m1][status]': 'en vacances',
    })
    invalid.assertStatus(302)
    assert.containsSubset(invalid.flashMessages().inputErrorsBag, {
      'rows.m1.status': ['La valeur choisie pour status est invalide.'],
    })
    assert.deepEqual(await tableCounts(TABLES), before)

    ;(
      await post(
        client,
        admin,
        `/gouvernance/seances/${meeting.id}/presences`,
        rows([
          [a, 'present'],
          [b, 'present'],
          [c, 'present'],
          [alternate, 'present'],
        ])
      )
    ).assertStatus(302)
    const resolution = await resolutionOn(organisation, meeting)
    const withVotes = await client.get(`/gouvernance/seances/${meeting.id}`).actingAs(admin)
    assert.notInclude(withVotes.text(), `choices[m${alternate}]`)
    assert.include(withVotes.text(), `choices[m${c}]`)

    before = await tableCounts(TABLES)
    const refused = await post(
      client,
      admin,
      `/gouvernance/resolutions/${resolution.id}/votes`,
      choices([
        [c, 'for'],
        [alternate, 'for'],
      ])
    )
    assertRefused(
      assert,
      refused,
      'Membre 3 (suppléant·e) ne siège pas à la place de son titulaire : son vote ne peut pas être enregistré.'
    )
    assert.deepEqual(await tableCounts(TABLES), before)

    // The database refuses it too, whatever the path.
    const error = await db
      .transaction((trx) =>
        trx.table('votes').insert({
          organisation_id: organisation.id,
          resolution_id: resolution.id,
          attendance_id: alternate,
          choice: 'for',
          weight: 1,
        })
      )
      .catch((e) => e)
    assert.include(String(error?.message), 'ne siège pas à la place de son titulaire')
  })

  test('the whole list swaps two proxies between holders at their cap in one form', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const { meeting } = await smallBoard(organisation, { members: 5, maxProxies: 1 })
    const [a, b, c, d] = await attendancesOf(meeting)
    await setStatuses(organisation, meeting, [
      [a, 'present', null],
      [c, 'present', null],
      [b, 'represented', a],
      [d, 'represented', c],
    ])
    ;(
      await post(
        client,
        admin,
        `/gouvernance/seances/${meeting.id}/presences`,
        rows([
          [a, 'present'],
          [b, 'represented', c],
          [c, 'present'],
          [d, 'represented', a],
        ])
      )
    ).assertStatus(302)
    const proxies = await db
      .from('attendances')
      .whereIn('id', [b, d])
      .orderBy('id')
      .select('proxy_to_id')
    assert.deepEqual(
      proxies.map((row) => row.proxy_to_id),
      [c, a]
    )
  })

  test('a seat form names the titular an alternate stands in for', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['direction'])
    const { college } = await smallBoard(organisation, { members: 2, consultative: 0 })
    const titular = await db
      .from('seats')
      .where('organisation_id', organisation.id)
      .where('role', 'titular')
      .orderBy('id')
      .firstOrFail()
    const form = {
      collegeId: college.id,
      memberBodyName: 'Membre 1',
      memberKind: 'autre',
      personName: 'Claire Suppléante',
      role: 'alternate',
      mandateStart: '2024-02-01',
      obtainedBy: 'designated',
    }
    const before = await tableCounts(TABLES)
    const refused = await post(client, admin, '/gouvernance/sieges', form)
    assertRefused(assert, refused, 'Indiquez le titulaire que ce suppléant supplée.')
    assert.deepEqual(await tableCounts(TABLES), before)

    const page = await client.get('/gouvernance/sieges/nouveau').actingAs(admin)
    page.assertTextIncludes('Titulaire suppléé')
    ;(
      await post(client, admin, '/gouvernance/sieges', { ...form, titularSeatId: titular.id })
    ).assertStatus(302)
    const alternate = await db
      .from('seats')
      .where('organisation_id', organisation.id)
      .where('role', 'alternate')
      .firstOrFail()
    assert.equal(alternate.titular_seat_id, titular.id)
    assert.equal(Number(alternate.votes), 0)

    // The meeting convened afterwards lists the alternate right after its titular.
    ;(
      await post(client, admin, '/gouvernance/seances', {
        kind: 'ca',
        title: 'CA de mars',
        heldOn: '2024-03-14',
      })
    ).assertStatus(302)
    const meeting = await meetingTitled(organisation, 'CA de mars')
    const convened = await db.from('attendances').where('meeting_id', meeting.id).orderBy('id')
    assert.deepEqual(
      convened.map((row) => row.name),
      ['Membre 1', 'Claire Suppléante (Membre 1, suppléant·e)', 'Membre 2']
    )
    assert.equal(convened[1].alternate_for_id, convened[0].id)
  })
})

test.group('Governance statutes | casting vote and bureau', (group) => {
  isolated(group)

  test('a tie is decided by the president only when the statutes give a casting vote', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    await smallBoard(organisation, { members: 4, consultative: 0 })
    const seats = await db
      .from('seats')
      .where('organisation_id', organisation.id)
      .orderBy('id')
      .select('id')
    // Membre 1 presides the bureau (through the composition page's form).
    ;(
      await post(client, admin, `/gouvernance/sieges/${seats[0].id}/bureau`, {
        bureauRole: 'president',
      })
    ).assertStatus(302)
    assert.equal(
      (await db.from('seats').where('id', seats[0].id).firstOrFail()).bureau_role,
      'president'
    )
    ;(
      await post(client, admin, '/gouvernance/seances', {
        kind: 'ca',
        title: 'CA du partage',
        heldOn: '2024-10-10',
      })
    ).assertStatus(302)
    const meeting = await meetingTitled(organisation, 'CA du partage')
    const [a, b, c, d] = await attendancesOf(meeting)
    assert.isTrue((await db.from('attendances').where('id', a).firstOrFail()).presides)
    ;(
      await post(
        client,
        admin,
        `/gouvernance/seances/${meeting.id}/presences`,
        rows([
          [a, 'present'],
          [b, 'present'],
          [c, 'excused'],
          [d, 'absent'],
        ])
      )
    ).assertStatus(302)

    const vote = async (title: string, president: string) => {
      const current = await resolutionOn(organisation, meeting, title)
      ;(
        await post(
          client,
          admin,
          `/gouvernance/resolutions/${current.id}/votes`,
          choices([
            [a, president],
            [b, president === 'for' ? 'against' : 'for'],
          ])
        )
      ).assertStatus(302)
      ;(
        await post(client, admin, `/gouvernance/resolutions/${current.id}/resultat`, {
          confirmation: '1',
        })
      ).assertStatus(302)
      return resolutionRow(current.id)
    }

    // No casting vote in the statutes: a tie is rejected.
    const without = await vote('Sans voix prépondérante', 'for')
    assert.equal(without.result, 'rejected')
    assert.isNull(without.casting_vote)
    let page = await client.get(`/gouvernance/seances/${meeting.id}`).actingAs(admin)
    page.assertTextIncludes('Partage égal des voix : la résolution est rejetée')

    const rule = await db
      .from('quorum_rules')
      .where('organisation_id', organisation.id)
      .where('meeting_kind', 'ca')
      .firstOrFail()
    ;(
      await post(client, admin, '/gouvernance/regles/ca', {
        basis: 'members',
        percent: '50',
        comparison: 'gte',
        countsRepresented: '1',
        maxProxiesPerPerson: '1',
        castingVote: '1',
        version: String(rule.version),
      })
    ).assertStatus(302)
    const rules = await client.get('/gouvernance/regles').actingAs(admin)
    assert.match(rules.text(), /data-casting-vote="ca">Oui/)

    const decided = await vote('Avec voix prépondérante', 'for')
    assert.equal(decided.result, 'adopted')
    assert.equal(decided.casting_vote, 'for')
    assert.equal(Number(decided.votes_for), Number(decided.votes_against))
    const against = await vote('Le président vote contre', 'against')
    assert.equal(against.result, 'rejected')
    assert.equal(against.casting_vote, 'against')
    page = await client.get(`/gouvernance/seances/${meeting.id}`).actingAs(admin)
    page.assertTextIncludes('Adoptée (voix prépondérante du président)')
    page.assertTextIncludes('la voix prépondérante du président (pour) départage')
    const minutes = await client
      .get(`/gouvernance/seances/${meeting.id}/proces-verbal`)
      .actingAs(admin)
    minutes.assertTextIncludes('Adoptée (voix prépondérante du président)')
  })

  test('one president; only a titular sits on the bureau', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const board = await makeUser(organisation, ['board'])
    await smallBoard(organisation, {
      members: 3,
      consultative: 0,
      president: 0,
      alternates: [1],
    })
    const seats = await db
      .from('seats')
      .where('organisation_id', organisation.id)
      .orderBy('id')
      .select('id', 'role')
    const titulars = seats.filter((s) => s.role === 'titular')
    const alternate = seats.find((s) => s.role === 'alternate')!
    const before = await tableCounts(TABLES)
    const second = await post(client, admin, `/gouvernance/sieges/${titulars[1].id}/bureau`, {
      bureauRole: 'president',
    })
    assertRefused(
      assert,
      second,
      "Membre 1 préside déjà le bureau : retirez-lui cette fonction d'abord."
    )
    const notTitular = await post(client, admin, `/gouvernance/sieges/${alternate.id}/bureau`, {
      bureauRole: 'treasurer',
    })
    assertRefused(assert, notTitular, 'Seul un titulaire peut siéger au bureau.')
    const unknown = await post(client, admin, `/gouvernance/sieges/${titulars[1].id}/bureau`, {
      bureauRole: 'pape',
    })
    assertFieldError(assert, unknown, 'bureauRole')
    const denied = await post(client, board, `/gouvernance/sieges/${titulars[1].id}/bureau`, {
      bureauRole: 'treasurer',
    })
    denied.assertStatus(403)
    assert.deepEqual(await tableCounts(TABLES), before)

    // The database keeps one president too.
    const error = await db
      .transaction((trx) =>
        trx.from('seats').where('id', titulars[2].id).update({ bureau_role: 'president' })
      )
      .catch((e) => e)
    assert.equal(error?.constraint, 'seats_one_president')

    // Taking the office back.
    ;(
      await post(client, admin, `/gouvernance/sieges/${titulars[0].id}/bureau`, { bureauRole: '' })
    ).assertStatus(302)
    assert.isNull((await db.from('seats').where('id', titulars[0].id).firstOrFail()).bureau_role)
  })

  test('each kind of meeting convenes its own body', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    await smallBoard(organisation, {
      members: 4,
      consultative: 1,
      president: 0,
      bureau: [2],
      alternates: [0, 1],
    })
    const convene = async (kind: string, title: string) => {
      const response = await post(client, admin, '/gouvernance/seances', {
        kind,
        title,
        heldOn: '2024-11-05',
      })
      response.assertStatus(302)
      const meeting = await meetingTitled(organisation, title)
      const names = await db.from('attendances').where('meeting_id', meeting.id).orderBy('id')
      return names.map((row) => row.name as string)
    }
    assert.deepEqual(await convene('bureau', 'Bureau de novembre'), ['Membre 1', 'Membre 3'])
    assert.deepEqual(await convene('ca', 'CA de novembre'), [
      'Membre 1',
      'Membre 1 (suppléant·e)',
      'Membre 2',
      'Membre 2 (suppléant·e)',
      'Membre 3',
      'Membre 4',
      'Consultatif 1',
    ])
    // The general assembly: the members with voting rights (no consultative voice).
    assert.deepEqual(await convene('ag_ordinaire', 'AG de novembre'), [
      'Membre 1',
      'Membre 1 (suppléant·e)',
      'Membre 2',
      'Membre 2 (suppléant·e)',
      'Membre 3',
      'Membre 4',
    ])
    const bureau = await meetingTitled(organisation, 'Bureau de novembre')
    const page = await client.get(`/gouvernance/seances/${bureau.id}`).actingAs(admin)
    page.assertTextIncludes('Convoqués : Les membres du bureau.')
  })

  test('a bureau meeting without bureau members is refused', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    await smallBoard(organisation, { members: 2 })
    const before = await tableCounts(TABLES)
    const response = await post(client, admin, '/gouvernance/seances', {
      kind: 'bureau',
      title: 'Bureau sans membres',
      heldOn: '2024-11-05',
    })
    assertRefused(
      assert,
      response,
      "Aucun membre du bureau n'est désigné à la date de la séance : désignez-les dans la composition du conseil avant de convoquer le bureau."
    )
    assert.deepEqual(await tableCounts(TABLES), before)
  })
})

test.group('Governance statutes | holding, proclaiming, rectifying', (group) => {
  isolated(group)

  test('a meeting dated in the future cannot be marked held', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const future = DateTime.now().setZone('Europe/Paris').plus({ days: 30 })
    const { meeting } = await smallBoard(organisation, {
      members: 3,
      heldAt: future.toISO()!,
    })
    const [a, b] = await attendancesOf(meeting)
    const message = `La séance du ${future.toFormat('dd/MM/yyyy')} n'a pas encore eu lieu : elle ne peut pas être marquée tenue (saisissez les présences le jour de la séance).`
    const before = await tableCounts(TABLES)
    const list = await post(
      client,
      admin,
      `/gouvernance/seances/${meeting.id}/presences`,
      rows([[a, 'present']])
    )
    assertRefused(assert, list, message)
    const one = await post(client, admin, `/gouvernance/seances/${meeting.id}/presences/${a}`, {
      status: 'present',
    })
    assertRefused(assert, one, message)
    assert.deepEqual(await tableCounts(TABLES), before)
    assert.equal(
      (await db.from('meetings').where('id', meeting.id).firstOrFail()).status,
      'planned'
    )

    // An excuse received before the meeting is recorded: it does not hold the meeting.
    ;(
      await post(
        client,
        admin,
        `/gouvernance/seances/${meeting.id}/presences`,
        rows([[b, 'excused']])
      )
    ).assertStatus(302)
    assert.equal(await statusOf(b), 'excused')

    // PostgreSQL refuses it too.
    const error = await db
      .transaction((trx) => trx.from('meetings').where('id', meeting.id).update({ status: 'held' }))
      .catch((e) => e)
    assert.equal(error?.constraint, 'meetings_not_held_before_date')
    const translated = translateDatabaseError(error)
    assert.instanceOf(translated, RuleError)
    assert.equal(
      (translated as RuleError).message,
      GOVERNANCE_CONSTRAINT_MESSAGES.meetings_not_held_before_date
    )
  })

  test('a proclamation needs its confirmation; a rectification is kept with the previous result until the minutes are signed', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['direction'])
    const { meeting } = await smallBoard(organisation, { members: 4, consultative: 0 })
    const [a, b, c] = await attendancesOf(meeting)
    await setStatuses(organisation, meeting, [
      [a, 'present', null],
      [b, 'present', null],
      [c, 'present', null],
    ])
    const resolution = await resolutionOn(organisation, meeting, 'Adhésion au réseau régional')
    ;(
      await post(
        client,
        admin,
        `/gouvernance/resolutions/${resolution.id}/votes`,
        choices([
          [a, 'for'],
          [b, 'for'],
          [c, 'against'],
        ])
      )
    ).assertStatus(302)

    let before = await tableCounts(TABLES)
    const unconfirmed = await post(
      client,
      admin,
      `/gouvernance/resolutions/${resolution.id}/resultat`
    )
    assertRefused(
      assert,
      unconfirmed,
      'Cochez « Je confirme la proclamation » : le résultat proclamé est inscrit au procès-verbal.'
    )
    assert.deepEqual(await tableCounts(TABLES), before)
    assert.equal((await resolutionRow(resolution.id)).result, 'pending')

    // Not yet proclaimed: nothing to rectify.
    const early = await post(
      client,
      admin,
      `/gouvernance/resolutions/${resolution.id}/rectification`,
      {
        ...choices([[a, 'for']]),
        reason: 'Erreur de saisie',
      }
    )
    assertRefused(
      assert,
      early,
      "Le résultat de cette résolution n'est pas encore proclamé : corrigez les votes, puis proclamez-le."
    )

    const page = await client.get(`/gouvernance/seances/${meeting.id}`).actingAs(admin)
    page.assertTextIncludes('Je confirme la proclamation')
    ;(
      await post(client, admin, `/gouvernance/resolutions/${resolution.id}/resultat`, {
        confirmation: '1',
      })
    ).assertStatus(302)
    assert.equal((await resolutionRow(resolution.id)).result, 'adopted')

    // Rectification: Membre 2 had voted against, not for.
    const noReason = await post(
      client,
      admin,
      `/gouvernance/resolutions/${resolution.id}/rectification`,
      choices([[b, 'against']])
    )
    assertFieldError(assert, noReason, 'reason')
    before = await tableCounts(TABLES)
    const rectified = await post(
      client,
      admin,
      `/gouvernance/resolutions/${resolution.id}/rectification`,
      {
        ...choices([
          [a, 'for'],
          [b, 'against'],
          [c, 'against'],
        ]),
        reason: 'Le vote de Membre 2 a été mal reporté.',
      }
    )
    rectified.assertStatus(302)
    rectified.assertFlashMessage(
      'success',
      'Résultat rectifié : résolution « Adhésion au réseau régional » rejetée.'
    )
    const after = await resolutionRow(resolution.id)
    assert.equal(after.result, 'rejected')
    assert.equal(Number(after.votes_for), 1)
    assert.equal(Number(after.votes_against), 2)
    const rectification = await db
      .from('resolution_rectifications')
      .where('resolution_id', resolution.id)
      .firstOrFail()
    assert.equal(rectification.previous_result, 'adopted')
    assert.equal(Number(rectification.previous_votes_for), 2)
    assert.equal(rectification.result, 'rejected')
    const event = await db
      .from('audit_events')
      .where('organisation_id', organisation.id)
      .where('action', 'resolution.rectified')
      .where('subject_id', String(resolution.id))
      .firstOrFail()
    assert.equal(event.before.result, 'adopted')
    assert.equal(event.after.result, 'rejected')
    assert.equal(event.after.reason, 'Le vote de Membre 2 a été mal reporté.')
    const counts = await tableCounts(TABLES)
    assert.equal(counts.resolution_rectifications, before.resolution_rectifications + 1)
    assert.equal(counts.votes, before.votes)

    const shown = await client.get(`/gouvernance/seances/${meeting.id}`).actingAs(admin)
    shown.assertTextIncludes('précédemment « Adoptée »')
    shown.assertTextIncludes('Motif : Le vote de Membre 2 a été mal reporté.')
    const minutes = await client
      .get(`/gouvernance/seances/${meeting.id}/proces-verbal`)
      .actingAs(admin)
    minutes.assertTextIncludes('précédemment « Adoptée »')

    // The signed minutes are filed: the result is final.
    await mkdir(app.makePath('tmp'), { recursive: true })
    const path = app.makePath('tmp/pv-signe-test.pdf')
    await writeFile(path, '%PDF-1.4 pv')
    ;(
      await client
        .post(`/gouvernance/seances/${meeting.id}/proces-verbal-signe`)
        .file('fichier', path)
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)
    ).assertStatus(302)
    before = await tableCounts(TABLES)
    const late = await post(
      client,
      admin,
      `/gouvernance/resolutions/${resolution.id}/rectification`,
      {
        ...choices([[b, 'for']]),
        reason: 'Encore une erreur',
      }
    )
    assertRefused(
      assert,
      late,
      'Le procès-verbal signé de cette séance est déposé : le résultat ne peut plus être rectifié.'
    )
    assert.deepEqual(await tableCounts(TABLES), before)
    const signedPage = await client.get(`/gouvernance/seances/${meeting.id}`).actingAs(admin)
    assert.notInclude(signedPage.text(), 'Rectifier le résultat')

    // PostgreSQL keeps the proclaimed result of signed minutes.
    const error = await db
      .transaction((trx) =>
        trx.from('resolutions').where('id', resolution.id).update({ result: 'adopted' })
      )
      .catch((e) => e)
    assert.equal(error?.constraint, 'resolutions_final_once_minutes_signed')
  })
})

test.group('Governance statutes | member rules in PostgreSQL', (group) => {
  isolated(group)

  test('a body that held a seat, a seat, and a seated person’s body are kept by the database itself', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation()
    await smallBoard(organisation, { members: 2, consultative: 0 })
    const seat = await db
      .from('seats')
      .where('organisation_id', organisation.id)
      .orderBy('id')
      .firstOrFail()
    const refusal = async (work: (trx: any) => Promise<unknown>) => {
      const error = await db
        .transaction(async (trx) => {
          await work(trx)
        })
        .then(
          () => null,
          (e) => e
        )
      assert.isNotNull(error)
      return error
    }

    // A direct SQL delete of a body that held a seat.
    const deleted = await refusal((trx) =>
      trx.from('member_bodies').where('id', seat.member_body_id).delete()
    )
    assert.equal(deleted.constraint, 'member_bodies_seated_kept')
    const translated = translateDatabaseError(deleted) as RuleError
    assert.instanceOf(translated, RuleError)
    assert.equal(
      translated.message,
      "Ce membre a détenu des sièges : sa fiche est conservée pour l'historique (rendez-le inactif)."
    )
    assert.exists(await db.from('member_bodies').where('id', seat.member_body_id).first())

    // Nor can its seats be deleted first, even ended ones.
    await db.from('seats').where('id', seat.id).update({ mandate_end: '2024-03-01' })
    const seatDeleted = await refusal((trx) => trx.from('seats').where('id', seat.id).delete())
    assert.equal(seatDeleted.constraint, 'seats_never_deleted')

    // A person holding a running seat stays with the seat's body.
    const [own, other] = await db
      .from('member_bodies')
      .where('organisation_id', organisation.id)
      .orderBy('id')
      .select('id')
    const [person] = await db
      .table('persons')
      .insert({
        organisation_id: organisation.id,
        full_name: 'Alice Martin',
        member_body_id: other.id,
      })
      .returning('id')
    const running = await db
      .from('seats')
      .where('organisation_id', organisation.id)
      .where('member_body_id', other.id)
      .firstOrFail()
    await db.from('seats').where('id', running.id).update({ person_id: person.id })
    const moved = await refusal((trx) =>
      trx.from('persons').where('id', person.id).update({ member_body_id: own.id })
    )
    assert.equal(moved.constraint, 'persons_seated_stay_with_body')
    assert.equal(
      (translateDatabaseError(moved) as RuleError).message,
      GOVERNANCE_CONSTRAINT_MESSAGES.persons_seated_stay_with_body
    )
    const foreignPerson = await refusal((trx) =>
      trx.from('seats').where('id', running.id).update({ member_body_id: own.id })
    )
    assert.equal(foreignPerson.constraint, 'seats_person_of_member_body')
    const orphanAlternate = await refusal((trx) =>
      trx.table('seats').insert({
        organisation_id: organisation.id,
        college_id: running.college_id,
        member_body_id: other.id,
        role: 'alternate',
        mandate_start: '2024-05-01',
      })
    )
    assert.equal(orphanAlternate.constraint, 'seats_titular_of_alternate')
    // Every constraint named here has its French message.
    for (const name of [
      'member_bodies_seated_kept',
      'seats_never_deleted',
      'persons_seated_stay_with_body',
      'seats_person_of_member_body',
      'seats_titular_of_alternate',
      'seats_one_president',
      'meetings_not_held_before_date',
      'resolutions_final_once_minutes_signed',
    ]) {
      assert.property(GOVERNANCE_CONSTRAINT_MESSAGES, name)
    }
  })

  test('through HTTP, deleting a body that held a seat is refused in French', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    await smallBoard(organisation, { members: 1, consultative: 0 })
    const body = await db
      .from('member_bodies')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    const before = await tableCounts(['member_bodies', 'seats'])
    const response = await post(client, admin, `/gouvernance/membres/${body.id}/suppression`)
    assertRefused(
      assert,
      response,
      "« Membre 1 » a détenu des sièges : sa fiche est conservée pour l'historique (rendez-le inactif)."
    )
    assert.deepEqual(await tableCounts(['member_bodies', 'seats']), before)
  })
})
