import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import { isolated, makeOrganisation, makeUser, tableCounts, tenantOf } from '#tests/helpers'
import { actingAs } from '#support/request_context'
import { createEmployee, addContract, anonymiseLeavers } from '#actions/hr/register'
import { ProgrammeStaffCost, FseHourlyRate, LedgerChargeRatio } from '#reports/hr/staff_costs'
import { staffRegister } from '#reports/hr/staff_register'
import type Organisation from '#models/core/organisation'

const TABLES = ['employees', 'contracts', 'salary_events', 'time_allocations']

async function employeeWithContract(
  organisation: Organisation,
  contract: Partial<{ start: string; end: string | null; share: string }> = {}
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
      const c = await addContract(
        employee.id,
        {
          contractType: contract.end ? 'cdd' : 'cdi',
          jobTitle: 'Conseillère',
          partTimeShare: contract.share ?? '1',
          startDate: contract.start ?? '2020-01-06',
          endDate: contract.end ?? null,
          endReason: contract.end ? 'fin_cdd' : null,
        },
        trx
      )
      return { employee, contract: c! }
    })
  )
}

/** A statement expected to fail, in a savepoint so that the test's transaction goes on. */
function refused(work: (trx: any) => Promise<unknown>) {
  return db.transaction(async (trx) => {
    await work(trx)
  })
}

test.group('HR | staff register rules', (group) => {
  isolated(group)

  test('contracts and salary events are indelible in the database', async ({ assert }) => {
    const organisation = await makeOrganisation()
    const { employee, contract } = await employeeWithContract(organisation)
    await assert.rejects(
      () =>
        refused((trx) =>
          trx.from('contracts').where('id', contract.id).update({ start_date: '2019-01-01' })
        ),
      /indélébile/
    )
    await assert.rejects(
      () => refused((trx) => trx.from('contracts').where('id', contract.id).delete()),
      /indélébile/
    )
    await db
      .from('contracts')
      .where('id', contract.id)
      .update({ end_date: '2023-06-30', end_reason: 'demission' })
    await assert.rejects(
      () =>
        refused((trx) =>
          trx.from('contracts').where('id', contract.id).update({ end_date: '2023-07-31' })
        ),
      /déjà enregistrée/
    )
    await db.table('salary_events').insert({
      organisation_id: organisation.id,
      employee_id: employee.id,
      effective_date: '2020-01-06',
      kind: 'hire',
      gross_annual_fte: '30000.00',
    })
    await assert.rejects(
      () =>
        refused((trx) =>
          trx
            .from('salary_events')
            .where('employee_id', employee.id)
            .update({ gross_annual_fte: '1' })
        ),
      /indélébile/
    )
  })

  test('overlapping contracts are refused by the database too', async ({ assert }) => {
    const organisation = await makeOrganisation()
    const { employee } = await employeeWithContract(organisation, {
      start: '2022-01-03',
      end: '2022-12-31',
    })
    await assert.rejects(
      () =>
        refused((trx) =>
          trx.table('contracts').insert({
            organisation_id: organisation.id,
            employee_id: employee.id,
            contract_type: 'cdi',
            job_title: 'x',
            start_date: '2022-06-01',
          })
        ),
      /contracts_no_overlap/
    )
    await db.table('contracts').insert({
      organisation_id: organisation.id,
      employee_id: employee.id,
      contract_type: 'cdi',
      job_title: 'x',
      start_date: '2023-01-01',
    })
  })

  test('HTTP: an overlapping contract or an end before its start gets a French message and changes nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    const { employee, contract } = await employeeWithContract(organisation, {
      start: '2022-01-03',
      end: '2022-12-31',
    })
    const before = await tableCounts(TABLES)
    const overlap = await client
      .post(`/rh/salaries/${employee.id}/contrats`)
      .form({
        contractType: 'cdi',
        jobTitle: 'Conseillère',
        partTimeShare: '1',
        startDate: '2022-10-01',
      })
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    overlap.assertStatus(303)
    overlap.assertFlashMessage('error', 'Ce contrat chevauche un autre contrat du même salarié.')
    const reversed = await client
      .post(`/rh/salaries/${employee.id}/contrats`)
      .form({
        contractType: 'cdd',
        jobTitle: 'Conseillère',
        partTimeShare: '1',
        startDate: '2024-03-01',
        endDate: '2024-01-01',
        endReason: 'fin_cdd',
      })
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    reversed.assertStatus(302)
    assert.exists((reversed.flashMessages() as any).inputErrorsBag?.endDate)
    const twice = await client
      .post(`/rh/contrats/${contract.id}/fin`)
      .form({ endDate: '2022-11-30', endReason: 'demission' })
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    twice.assertFlashMessage('error', 'La fin de ce contrat est déjà enregistrée.')
    assert.deepEqual(await tableCounts(TABLES), before)
    const ok = await client
      .post(`/rh/salaries/${employee.id}/contrats`)
      .form({
        contractType: 'cdi',
        jobTitle: 'Conseillère',
        partTimeShare: '0.8',
        startDate: '2023-01-02',
      })
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    ok.assertStatus(302)
    assert.equal((await tableCounts(['contracts'])).contracts, before.contracts + 1)
  })

  test('a correction supersedes a contract with a new line; reports read the corrected one', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    const { employee, contract } = await employeeWithContract(organisation, { start: '2022-01-03' })
    const response = await client
      .post(`/rh/contrats/${contract.id}/correction`)
      .form({
        contractType: 'cdi',
        jobTitle: 'Conseillère principale',
        partTimeShare: '0.9',
        startDate: '2022-02-01',
      })
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    response.assertFlashMessage(
      'success',
      'Contrat corrigé : la correction est une nouvelle ligne du registre.'
    )
    const rows = await db.from('contracts').where('employee_id', employee.id).orderBy('id')
    assert.lengthOf(rows, 2)
    assert.isNotNull(rows[0].superseded_at)
    assert.equal(rows[0].start_date, '2022-01-03')
    assert.equal(rows[1].supersedes_id, rows[0].id)
    const register = await staffRegister(organisation.id)
    assert.include(register.lines[0].mentions, 'corrigée')
    const again = await client
      .post(`/rh/contrats/${contract.id}/correction`)
      .form({ contractType: 'cdi', jobTitle: 'x', partTimeShare: '1', startDate: '2022-02-01' })
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    again.assertFlashMessage(
      'error',
      'Ce contrat a déjà été corrigé : corrigez la dernière version.'
    )
  })

  test('time allocation never exceeds 100 % of the contract time (trigger)', async ({ assert }) => {
    const organisation = await makeOrganisation()
    const { employee } = await employeeWithContract(organisation)
    const row = (programme: number, share: string) => ({
      organisation_id: organisation.id,
      employee_id: employee.id,
      programme_id: programme,
      month: '2023-03-01',
      share,
    })
    const [p1, p2] = await Promise.all(
      ['A', 'B'].map(async (code) => {
        const [p] = await db
          .table('programmes')
          .insert({
            organisation_id: organisation.id,
            code,
            name: `Dispositif ${code}`,
            level: 'national',
          })
          .returning('id')
        return p.id as number
      })
    )
    await db.table('time_allocations').insert(row(p1, '0.6000'))
    await assert.rejects(
      () => refused((trx) => trx.table('time_allocations').insert(row(p2, '0.5000'))),
      /supérieur à 100/
    )
    await db.table('time_allocations').insert(row(p2, '0.4000'))
    await assert.rejects(
      () =>
        refused((trx) =>
          trx.table('time_allocations').insert({ ...row(p2, '0.1000'), month: '2019-03-01' })
        ),
      /Aucun contrat/
    )
  })

  test('HTTP: time entered by hand above 100 % gets a French message and changes nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    const { employee } = await employeeWithContract(organisation)
    const ids: number[] = []
    for (const code of ['A', 'B']) {
      const [p] = await db
        .table('programmes')
        .insert({ organisation_id: organisation.id, code, name: code, level: 'national' })
        .returning('id')
      ids.push(p.id)
    }
    const post = (programmeId: number, sharePercent: string) =>
      client
        .post(`/rh/salaries/${employee.id}/temps`)
        .form({ programmeId, month: '2023-04', sharePercent })
        .withCsrfToken()
        .actingAs(hr)
        .redirects(0)
    ;(await post(ids[0], '70')).assertFlashMessage('success', 'Temps affecté enregistré.')
    const before = await tableCounts(TABLES)
    const over = await post(ids[1], '40')
    over.assertFlashMessage(
      'error',
      'Temps affecté supérieur à 100 % du temps contractuel (110.00 %)'
    )
    assert.deepEqual(await tableCounts(TABLES), before)
    ;(await post(ids[1], '30')).assertFlashMessage('success', 'Temps affecté enregistré.')
  })

  test('staff cost per programme and FSE+ hourly rate', async ({ assert }) => {
    const organisation = await makeOrganisation()
    const { employee } = await employeeWithContract(organisation, { share: '0.8' })
    await db.table('salary_events').insert({
      organisation_id: organisation.id,
      employee_id: employee.id,
      effective_date: '2020-01-06',
      kind: 'hire',
      gross_annual_fte: '34400.00',
    })
    await db
      .table('hr_settings')
      .insert({ organisation_id: organisation.id, employer_charge_rate: '0.4000' })
    const [p] = await db
      .table('programmes')
      .insert({ organisation_id: organisation.id, code: 'CEJ', name: 'CEJ', level: 'national' })
      .returning('id')
    for (const month of ['2023-01-01', '2023-02-01']) {
      await db.table('time_allocations').insert({
        organisation_id: organisation.id,
        employee_id: employee.id,
        programme_id: p.id,
        month,
        share: '0.5000',
      })
    }
    const tenant = tenantOf(organisation)
    const year = { from: '2023-01-01', to: '2023-12-31' }
    const cost = await new ProgrammeStaffCost(tenant, { programmeId: p.id, ...year }).build()
    // per month: 34 400 / 12 x 0.8 x 0.5 = 1 146.666.. ; two months = 2 293.33 ; charges 40 %
    assert.equal(cost.gross.toFixed(2), '2293.33')
    assert.equal(cost.total.toFixed(2), '3210.67')
    // hours: 0.5 x 0.8 x 1720 / 12 x 2 = 114.666..
    assert.equal(cost.hours.toDecimalPlaces(2).toString(), '114.67')
    // hourly rate = 34 400 x 1.4 / 1 720 = 28
    assert.equal(cost.hourlyRate!.toFixed(2), '28.00')
    assert.equal(
      (await new FseHourlyRate(tenant, {
        employeeId: employee.id,
        on: '2023-06-30',
      }).build())!.toFixed(2),
      '28.00'
    )
    assert.instanceOf(cost.total, Decimal)
    // without validated payroll in the ledger, the "ledger ratio" option falls back to the setting
    assert.isNull(await new LedgerChargeRatio(tenant, year).build())
    const fallback = await new ProgrammeStaffCost(tenant, {
      programmeId: p.id,
      ...year,
      chargeRate: 'ledger',
    }).build()
    assert.equal(fallback.total.toFixed(2), '3210.67')
  })

  test('register: hiring order, legal mentions; anonymisation after five years only', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation()
    await employeeWithContract(organisation, { start: '2015-01-05', end: '2017-06-30' })
    const { employee: recent } = await employeeWithContract(organisation, {
      start: '2016-01-04',
      end: '2023-06-30',
      share: '0.5',
    })
    const register = await staffRegister(organisation.id)
    assert.deepEqual(
      register.lines.map((l: any) => l.line),
      [1, 2]
    )
    assert.include(register.lines[1].mentions, 'Temps partiel (50 %)')
    assert.include(register.lines[0].mentions, 'CDD')
    const count = await anonymiseLeavers(organisation.id, '2024-01-15')
    assert.equal(count, 1)
    const rows = await db.from('employees').where('organisation_id', organisation.id).orderBy('id')
    assert.match(rows[0].surname, /^ANONYME-/)
    assert.equal(rows[1].surname, 'DURAND')
    assert.equal(rows[1].id, recent.id)
  })

  test('GDPR export of one employee is an xlsx for HR', async ({ client }) => {
    const organisation = await makeOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    const { employee } = await employeeWithContract(organisation)
    const response = await client.get(`/rh/salaries/${employee.id}/donnees.xlsx`).actingAs(hr)
    response.assertStatus(200)
    response.assertHeader(
      'content-type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
  })
})
