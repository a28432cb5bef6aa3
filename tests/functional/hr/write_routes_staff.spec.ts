import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/core/organisation'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { assertFieldError, assertRefused } from '#tests/support/refusals'
import { actingAs } from '#support/request_context'
import { addContract, createEmployee } from '#actions/hr/register'

/**
 * HR write routes that were tested only for a 403 (issue #11): hiring, anonymisation, job
 * references, the employer charge rate, salary events, leaves, and ending a contract. Each
 * gets a success by an hr user and refusals that leave the register as it was.
 */

const STAFF = ['employees', 'contracts', 'salary_events', 'leaves', 'audit_events']

async function employeeWithContract(
  organisation: Organisation,
  contract: Partial<{ start: string; end: string | null }> = {}
) {
  return actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
    db.transaction(async (trx) => {
      const employee = await createEmployee(
        organisation.id,
        {
          surname: 'Durand',
          firstNames: 'Alice',
          sex: 'F',
          birthDate: '1985-04-02',
          nationality: 'française',
        },
        trx
      )
      const created = await addContract(
        employee.id,
        {
          contractType: contract.end ? 'cdd' : 'cdi',
          jobTitle: 'Conseillère',
          partTimeShare: '1',
          startDate: contract.start ?? '2020-01-06',
          endDate: contract.end ?? null,
          endReason: contract.end ? 'fin_cdd' : null,
        },
        trx
      )
      return { employee, contract: created! }
    })
  )
}

async function staff() {
  const organisation = await makeOrganisation()
  const hr = await makeUser(organisation, ['hr'])
  return { organisation, hr }
}

const HIRING = {
  surname: 'Martin',
  firstNames: 'Léa',
  sex: 'F',
  birthDate: '1990-02-14',
  nationality: 'française',
  contractType: 'cdi',
  jobTitle: 'Conseillère en insertion',
  partTimeShare: '0.8',
  startDate: '2024-01-08',
}

test.group('Write routes | HR staff register', (group) => {
  isolated(group)

  test('hr hires an employee with a first contract', async ({ client, assert }) => {
    const { organisation, hr } = await staff()
    const response = await client
      .post('/rh/salaries')
      .form(HIRING)
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('success', 'Salarié enregistré.')
    const employee = await db
      .from('employees')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    response.assertHeader('location', `/rh/salaries/${employee.id}`)
    assert.equal(employee.surname, 'MARTIN')
    assert.equal(employee.sex, 'F')
    const contracts = await db.from('contracts').where('employee_id', employee.id)
    assert.lengthOf(contracts, 1)
    assert.equal(contracts[0].contract_type, 'cdi')
    assert.equal(Number(contracts[0].part_time_share), 0.8)
  })

  test('hiring with a bad identity or contract changes nothing; finance may not hire', async ({
    client,
    assert,
  }) => {
    const { organisation, hr } = await staff()
    const finance = await makeUser(organisation, ['finance'])
    const before = await tableCounts(STAFF)
    const post = (form: Record<string, string>, user = hr) =>
      client.post('/rh/salaries').form(form).withCsrfToken().actingAs(user).redirects(0)
    assertFieldError(assert, await post({ ...HIRING, sex: 'X' }), 'sex')
    assertFieldError(assert, await post({ ...HIRING, endDate: '2023-12-31' }), 'endDate')
    assertFieldError(assert, await post({ ...HIRING, partTimeShare: '1,5' }), 'partTimeShare')
    ;(await post(HIRING, finance)).assertStatus(403)
    assert.deepEqual(await tableCounts(STAFF), before)
  })

  test('hr anonymises the leavers of more than five years only; board may not', async ({
    client,
    assert,
  }) => {
    const { organisation, hr } = await staff()
    const board = await makeUser(organisation, ['board'])
    const { employee: old } = await employeeWithContract(organisation, {
      start: '2012-01-02',
      end: '2017-06-30',
    })
    const { employee: current } = await employeeWithContract(organisation, { start: '2021-03-01' })

    const before = await tableCounts(STAFF)
    const refused = await client
      .post('/rh/registre/anonymisation')
      .withCsrfToken()
      .actingAs(board)
      .redirects(0)
    refused.assertStatus(403)
    assert.deepEqual(await tableCounts(STAFF), before)
    assert.equal((await db.from('employees').where('id', old.id).first()).surname, 'DURAND')

    const response = await client
      .post('/rh/registre/anonymisation')
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/rh/registre')
    response.assertFlashMessage('success', '1 ancien(s) salarié(s) anonymisé(s).')
    assert.match((await db.from('employees').where('id', old.id).first()).surname, /^ANONYME-/)
    assert.equal((await db.from('employees').where('id', current.id).first()).surname, 'DURAND')

    const again = await client
      .post('/rh/registre/anonymisation')
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    again.assertFlashMessage(
      'success',
      'Aucun ancien salarié à anonymiser (départ de plus de 5 ans).'
    )
  })

  test('hr records a salary event and a leave; bad input or another organisation changes nothing', async ({
    client,
    assert,
  }) => {
    const { organisation, hr } = await staff()
    const { employee } = await employeeWithContract(organisation)
    const stranger = await makeUser(await makeOrganisation('Autre'), ['hr'])
    const post = (url: string, form: Record<string, string>, user = hr) =>
      client.post(url).form(form).withCsrfToken().actingAs(user).redirects(0)
    const salaryUrl = `/rh/salaries/${employee.id}/salaires`
    const leaveUrl = `/rh/salaries/${employee.id}/conges`
    const salary = { effectiveDate: '2024-01-01', kind: 'raise', grossAnnualFte: '31200' }
    const leave = { kind: 'maternite', startDate: '2024-03-01', endDate: '2024-06-30' }

    const before = await tableCounts(STAFF)
    assertFieldError(
      assert,
      await post(salaryUrl, { ...salary, grossAnnualFte: '-5' }),
      'grossAnnualFte'
    )
    assertFieldError(assert, await post(leaveUrl, { ...leave, endDate: '2024-02-01' }), 'endDate')
    assertFieldError(assert, await post(leaveUrl, { ...leave, kind: 'sabbatique' }), 'kind')
    ;(await post(salaryUrl, salary, stranger)).assertStatus(404)
    ;(await post(leaveUrl, leave, stranger)).assertStatus(404)
    assert.deepEqual(await tableCounts(STAFF), before)

    const raised = await post(salaryUrl, salary)
    raised.assertStatus(302)
    raised.assertHeader('location', `/rh/salaries/${employee.id}`)
    raised.assertFlashMessage('success', 'Événement de salaire enregistré.')
    const event = await db
      .from('salary_events')
      .where({ employee_id: employee.id, kind: 'raise' })
      .firstOrFail()
    assert.equal(Number(event.gross_annual_fte), 31200)

    const away = await post(leaveUrl, leave)
    away.assertStatus(302)
    away.assertFlashMessage('success', 'Congé enregistré.')
    const row = await db.from('leaves').where('employee_id', employee.id).firstOrFail()
    assert.equal(row.kind, 'maternite')
    assert.equal(row.organisation_id, organisation.id)
  })

  test('hr ends a contract; an end before its start or a second end is refused', async ({
    client,
    assert,
  }) => {
    const { organisation, hr } = await staff()
    const { contract } = await employeeWithContract(organisation, { start: '2022-01-03' })
    const post = (form: Record<string, string>) =>
      client
        .post(`/rh/contrats/${contract.id}/fin`)
        .form(form)
        .withCsrfToken()
        .actingAs(hr)
        .redirects(0)

    const before = await tableCounts(STAFF)
    assertRefused(
      assert,
      await post({ endDate: '2021-12-31', endReason: 'demission' }),
      'La date de fin précède la date de début.'
    )
    assertFieldError(
      assert,
      await post({ endDate: '2024-06-30', endReason: 'lassitude' }),
      'endReason'
    )
    assert.deepEqual(await tableCounts(STAFF), before)
    assert.isNull((await db.from('contracts').where('id', contract.id).first()).end_date)

    const ended = await post({ endDate: '2024-06-30', endReason: 'demission' })
    ended.assertStatus(302)
    ended.assertFlashMessage('success', 'Fin de contrat enregistrée.')
    const after = await db.from('contracts').where('id', contract.id).firstOrFail()
    assert.isNotNull(after.end_date)
    assert.equal(after.end_reason, 'demission')

    const twice = await post({ endDate: '2024-07-31', endReason: 'demission' })
    assertRefused(assert, twice, 'La fin de ce contrat est déjà enregistrée.')
    assert.equal(
      (await db.from('contracts').where('id', contract.id).first()).end_reason,
      'demission'
    )
  })
})

test.group('Write routes | HR settings and job references', (group) => {
  isolated(group)

  test('hr adds a job reference; a duplicate code or an empty label is refused', async ({
    client,
    assert,
  }) => {
    const { organisation, hr } = await staff()
    const post = (form: Record<string, string>) =>
      client.post('/rh/emplois-reperes').form(form).withCsrfToken().actingAs(hr).redirects(0)
    const added = await post({
      code: 'CIP',
      label: 'Conseiller en insertion',
      defaultCsp: 'employe',
    })
    added.assertStatus(302)
    added.assertHeader('location', '/rh/emplois-reperes')
    added.assertFlashMessage('success', 'Emploi repère ajouté.')
    const row = await db
      .from('job_references')
      .where({ organisation_id: organisation.id, code: 'CIP' })
      .firstOrFail()
    assert.equal(row.label, 'Conseiller en insertion')
    assert.equal(row.default_csp, 'employe')

    const before = await tableCounts(['job_references', 'audit_events'])
    assertRefused(
      assert,
      await post({ code: 'CIP', label: 'Doublon' }),
      'Un emploi repère existe déjà avec ce code.'
    )
    assertFieldError(assert, await post({ code: 'CHA', label: '' }), 'label')
    assert.deepEqual(await tableCounts(['job_references', 'audit_events']), before)
  })

  test('hr sets the employer charge rate; out of range or by finance it is refused', async ({
    client,
    assert,
  }) => {
    const { organisation, hr } = await staff()
    const finance = await makeUser(organisation, ['finance'])
    const post = (rate: string, user = hr) =>
      client
        .post('/rh/temps/parametres')
        .form({ employerChargeRate: rate })
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)
    const before = await tableCounts(['hr_settings', 'audit_events'])
    assertFieldError(assert, await post('200'), 'employerChargeRate')
    ;(await post('45', finance)).assertStatus(403)
    assert.deepEqual(await tableCounts(['hr_settings', 'audit_events']), before)

    const saved = await post('45')
    saved.assertStatus(302)
    saved.assertHeader('location', '/rh/temps')
    saved.assertFlashMessage('success', 'Taux de charges patronales enregistré.')
    const settings = await db
      .from('hr_settings')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    assert.equal(Number(settings.employer_charge_rate), 0.45)
  })
})
