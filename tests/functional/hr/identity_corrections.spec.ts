import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { assertFieldError, assertRefused } from '#tests/support/refusals'
import { followedSession, formPoster } from '#tests/fixtures/training'

/**
 * Issue #15, HR records: an employee's identity is corrected (audited, hr only), and the
 * anonymisation of a leaver scrubs the audit log's earlier snapshots of that person.
 */

const HIRING = {
  surname: 'Durand',
  firstNames: 'Alice',
  sex: 'F',
  birthDate: '1985-04-02',
  nationality: 'française',
  contractType: 'cdi',
  jobTitle: 'Conseillère en insertion',
  partTimeShare: '1',
  startDate: '2020-01-06',
}

const IDENTITY = {
  surname: 'Durand-Lefèvre',
  firstNames: 'Alice Marie',
  sex: 'F',
  birthDate: '1985-04-12',
  nationality: 'belge',
  workPermitType: '',
  workPermitNumber: '',
}

async function staff() {
  const organisation = await makeOrganisation()
  const hr = await makeUser(organisation, ['hr'])
  return { organisation, hr }
}

test.group('HR | identity corrections', (group) => {
  isolated(group)

  test('hr corrects an identity: the row changes, the audit keeps before and after', async ({
    client,
    assert,
  }) => {
    const { organisation, hr } = await staff()
    ;(
      await client.post('/rh/salaries').form(HIRING).withCsrfToken().actingAs(hr).redirects(0)
    ).assertStatus(302)
    const hired = await db.from('employees').where('organisation_id', organisation.id).firstOrFail()

    const response = await client
      .put(`/rh/salaries/${hired.id}/identite`)
      .form({ ...IDENTITY, version: hired.version })
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/rh/salaries/${hired.id}`)
    response.assertFlashMessage('success', 'Identité corrigée.')
    const row = await db.from('employees').where('id', hired.id).firstOrFail()
    assert.equal(row.surname, 'DURAND-LEFÈVRE')
    assert.equal(row.first_names, 'Alice Marie')
    assert.equal(row.nationality, 'belge')
    assert.equal(row.version, hired.version + 1)
    const { rows } = await db.rawQuery(
      `SELECT to_char(birth_date, 'YYYY-MM-DD') AS d FROM employees WHERE id = ?`,
      [hired.id]
    )
    assert.equal(rows[0].d, '1985-04-12')

    const audit = await db
      .from('audit_events')
      .where({ organisation_id: organisation.id, subject_type: 'employees', action: 'update' })
      .where('subject_id', String(hired.id))
      .firstOrFail()
    assert.equal(audit.before.surname, 'DURAND')
    assert.equal(audit.after.surname, 'DURAND-LEFÈVRE')
    assert.equal(audit.before.nationality, 'française')

    const page = await client.get(`/rh/salaries/${hired.id}`).actingAs(hr)
    page.assertStatus(200)
    page.assertTextIncludes('DURAND-LEFÈVRE')
    page.assertTextIncludes("Corriger l'identité")

    // A stale form is refused (someone else corrected it meanwhile).
    const stale = await client
      .put(`/rh/salaries/${hired.id}/identite`)
      .form({ ...IDENTITY, surname: 'Autre', version: hired.version })
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    assert.oneOf(stale.status(), [302, 303, 409])
    assert.equal((await db.from('employees').where('id', hired.id).first()).surname, row.surname)
  })

  test('a bad date, another organisation or a non-HR role changes nothing', async ({
    client,
    assert,
  }) => {
    const { organisation, hr } = await staff()
    ;(
      await client.post('/rh/salaries').form(HIRING).withCsrfToken().actingAs(hr).redirects(0)
    ).assertStatus(302)
    const hired = await db.from('employees').where('organisation_id', organisation.id).firstOrFail()
    const finance = await makeUser(organisation, ['finance'])
    const stranger = await makeUser(await makeOrganisation('Autre'), ['hr'])
    const put = (form: Record<string, unknown>, user = hr, id = hired.id) =>
      client
        .put(`/rh/salaries/${id}/identite`)
        .form(form)
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)

    const before = await tableCounts(['employees', 'audit_events'])
    assertFieldError(assert, await put({ ...IDENTITY, birthDate: '31/02/1985' }), 'birthDate')
    assertFieldError(assert, await put({ ...IDENTITY, birthDate: 'hier' }), 'birthDate')
    assertFieldError(assert, await put({ ...IDENTITY, sex: 'X' }), 'sex')
    assertFieldError(assert, await put({ ...IDENTITY, surname: '' }), 'surname')
    assertRefused(
      assert,
      await put({ ...IDENTITY, birthDate: '2090-01-01' }),
      'La date de naissance ne peut pas être dans le futur.'
    )
    ;(await put(IDENTITY, stranger)).assertStatus(404)
    ;(await put(IDENTITY, finance)).assertStatus(403)
    ;(await put(IDENTITY, hr, hired.id + 100000)).assertStatus(404)
    assert.deepEqual(await tableCounts(['employees', 'audit_events']), before)
    const row = await db.from('employees').where('id', hired.id).firstOrFail()
    assert.equal(row.surname, 'DURAND')
    assert.equal(row.version, hired.version)
  })
})

test.group('HR | anonymisation scrubs the audit log', (group) => {
  isolated(group)

  test('after anonymisation no audit event of the organisation names the leaver', async ({
    client,
    assert,
  }) => {
    const { organisation, hr } = await staff()
    const post = formPoster(client, hr)
    // A leaver gone for more than five years, hired then corrected, with a raise and a training.
    ;(
      await post('/rh/salaries', {
        ...HIRING,
        surname: 'Quenouille',
        firstNames: 'Berthe',
        birthDate: '1961-07-19',
        workPermitType: 'Titre de séjour',
        workPermitNumber: 'TS4411223344',
        contractType: 'cdd',
        startDate: '2012-01-02',
        endDate: '2017-06-30',
        endReason: 'fin_cdd',
      })
    ).assertStatus(302)
    const leaver = await db
      .from('employees')
      .where({ organisation_id: organisation.id, surname: 'QUENOUILLE' })
      .firstOrFail()
    ;(
      await client
        .put(`/rh/salaries/${leaver.id}/identite`)
        .form({
          surname: 'Quenouille-Arnaud',
          firstNames: 'Berthe Louise',
          sex: 'F',
          birthDate: '1961-07-29',
          nationality: 'suisse',
          workPermitType: 'Titre de séjour',
          workPermitNumber: 'TS4411223344',
        })
        .withCsrfToken()
        .actingAs(hr)
        .redirects(0)
    ).assertStatus(302)
    ;(
      await post(`/rh/salaries/${leaver.id}/salaires`, {
        effectiveDate: '2015-01-01',
        kind: 'raise',
        grossAnnualFte: '28000',
      })
    ).assertStatus(302)
    await followedSession(post, organisation, {
      title: 'Accueil',
      employeeId: leaver.id,
      startDate: '2016-03-07',
      endDate: '2016-03-08',
    })
    // A colleague still employed: their audit trail is untouched.
    ;(await post('/rh/salaries', { ...HIRING, startDate: '2021-03-01' })).assertStatus(302)

    const traces = async (needle: string) => {
      const { rows } = await db.rawQuery(
        `SELECT count(*)::int AS n FROM audit_events
          WHERE organisation_id = ?
            AND (coalesce(before::text, '') || coalesce(after::text, '') || coalesce(summary, ''))
                ILIKE '%' || ? || '%'`,
        [organisation.id, needle]
      )
      return rows[0].n as number
    }
    const identity = [
      'Quenouille',
      'Berthe',
      'Louise',
      '1961-07-19',
      '1961-07-29',
      'suisse',
      'TS4411223344',
    ]
    for (const needle of identity) {
      assert.isAbove(await traces(needle), 0, `${needle} should be audited before anonymisation`)
    }
    const colleagueTraces = await traces('DURAND')
    assert.isAbove(colleagueTraces, 0)

    const anonymised = await post('/rh/registre/anonymisation')
    anonymised.assertFlashMessage('success', '1 ancien(s) salarié(s) anonymisé(s).')

    for (const needle of identity) {
      assert.equal(await traces(needle), 0, `an audit event still holds « ${needle} »`)
    }
    assert.equal(await traces('DURAND'), colleagueTraces)
    // The audit trail itself stays: the same events, with what is not identity.
    const events = await db
      .from('audit_events')
      .where({ organisation_id: organisation.id, subject_type: 'employees' })
      .where('subject_id', String(leaver.id))
      .orderBy('id')
    assert.deepEqual(
      events.map((e) => e.action),
      ['create', 'update']
    )
    assert.equal(events[0].after.sex, 'F')
  })
})
