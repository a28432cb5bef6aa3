import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/core/organisation'
import EqualityIndexReport, { BASE_ONLY_LABEL } from '#reports/hr/equality_index'
import {
  asOrganisation,
  isolated,
  makeOrganisation,
  makeUser,
  readWorkbook,
  tableCounts,
  tenantOf,
} from '#tests/helpers'
import { assertFieldError, assertRefused } from '#tests/support/refusals'
import { hireOnCdi } from '#tests/fixtures/training'
import staffList from '#imports/hr/staff_list'
import { importFile } from '#imports/core/pipeline'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Pay components (issue #15, migration 9200): HR records bonuses, benefits in kind and overtime
 * on the employee page; they are append-only (cancelled with a reason, never changed); the
 * equality index adds bonuses and benefits in kind to the base salary, annualised in full-time
 * equivalent, leaves overtime out, and says what it included; nobody but HR sees an amount.
 */

const TABLES = ['pay_components', 'audit_events']

const employeeOf = (organisation: Organisation) =>
  hireOnCdi(organisation, { surname: 'Durand', firstNames: 'Alice', birthDate: '1985-04-02' })

const BONUS = {
  kind: 'prime',
  periodStart: '2023-01-01',
  periodEnd: '2023-12-31',
  amount: '1 234,56',
  comment: 'Prime sur objectifs',
}

test.group('HR | pay components: entry on the employee page', (group) => {
  isolated(group)

  test('hr adds a bonus: stored as typed, audited, shown on the page', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    const employee = await employeeOf(organisation)
    const response = await client
      .post(`/rh/salaries/${employee.id}/elements-paie`)
      .form(BONUS)
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/rh/salaries/${employee.id}`)
    response.assertFlashMessage('success', 'Élément de paie enregistré.')
    const row = await db.from('pay_components').where('employee_id', employee.id).firstOrFail()
    assert.equal(row.amount, '1234.56')
    assert.equal(row.kind, 'prime')
    assert.equal(row.source, 'saisie')
    assert.equal(row.organisation_id, organisation.id)
    const audit = await db
      .from('audit_events')
      .where({ subject_type: 'pay_components', subject_id: String(row.id) })
      .first()
    assert.exists(audit)
    const page = (await client.get(`/rh/salaries/${employee.id}`).actingAs(hr)).text()
    assert.include(page, 'Éléments de paie')
    assert.match(page, /1\s234,56\s€/)
    assert.include(page, 'Prime sur objectifs')
  })

  test('a bad amount, a period ending before it starts or an unknown kind change nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    const employee = await employeeOf(organisation)
    const post = (form: Record<string, string>) =>
      client
        .post(`/rh/salaries/${employee.id}/elements-paie`)
        .form(form)
        .withCsrfToken()
        .actingAs(hr)
        .redirects(0)
    const before = await tableCounts(TABLES)
    assertFieldError(assert, await post({ ...BONUS, amount: 'douze euros' }), 'amount')
    assertFieldError(assert, await post({ ...BONUS, amount: '12,345' }), 'amount')
    assertFieldError(assert, await post({ ...BONUS, amount: '-50' }), 'amount')
    assertFieldError(assert, await post({ ...BONUS, amount: '0' }), 'amount')
    assertFieldError(assert, await post({ ...BONUS, periodEnd: '2022-12-31' }), 'periodEnd')
    assertFieldError(assert, await post({ ...BONUS, kind: 'cadeau' }), 'kind')
    assert.deepEqual(await tableCounts(TABLES), before)
  })

  test("another organisation's employee is not found; roles without hr.write are refused", async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const employee = await employeeOf(organisation)
    const stranger = await makeUser(await makeOrganisation('Autre'), ['hr'])
    const others = await Promise.all(
      (['board', 'finance', 'direction'] as const).map((role) => makeUser(organisation, [role]))
    )
    const before = await tableCounts(TABLES)
    const post = (user: Awaited<ReturnType<typeof makeUser>>) =>
      client
        .post(`/rh/salaries/${employee.id}/elements-paie`)
        .form(BONUS)
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)
    ;(await post(stranger)).assertStatus(404)
    for (const user of others) (await post(user)).assertStatus(403)
    assert.deepEqual(await tableCounts(TABLES), before)
  })

  test('hr cancels a component with a reason: it stays, struck out; once only', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    const employee = await employeeOf(organisation)
    await client
      .post(`/rh/salaries/${employee.id}/elements-paie`)
      .form(BONUS)
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    const row = await db.from('pay_components').where('employee_id', employee.id).firstOrFail()
    const cancel = (form: Record<string, string>, user = hr) =>
      client
        .post(`/rh/elements-paie/${row.id}/annulation`)
        .form(form)
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)

    assertFieldError(assert, await cancel({ reason: ' ' }), 'reason')
    const stranger = await makeUser(await makeOrganisation('Autre'), ['hr'])
    ;(await cancel({ reason: 'Erreur de saisie' }, stranger)).assertStatus(404)
    ;(
      await cancel({ reason: 'Erreur de saisie' }, await makeUser(organisation, ['board']))
    ).assertStatus(403)
    assert.isNull((await db.from('pay_components').where('id', row.id).first()).cancelled_at)

    const done = await cancel({ reason: 'Erreur de saisie' })
    done.assertStatus(302)
    done.assertHeader('location', `/rh/salaries/${employee.id}`)
    const cancelled = await db.from('pay_components').where('id', row.id).first()
    assert.isNotNull(cancelled.cancelled_at)
    assert.equal(cancelled.cancel_reason, 'Erreur de saisie')
    assert.equal(cancelled.amount, '1234.56')
    const page = (await client.get(`/rh/salaries/${employee.id}`).actingAs(hr)).text()
    assert.match(page, /<s>1\s234,56\s€<\/s>/)
    assert.include(page, 'annulé : Erreur de saisie')

    assertRefused(
      assert,
      await cancel({ reason: 'Encore' }),
      'Cet élément de paie est déjà annulé.'
    )
    assert.equal(
      (await db.from('pay_components').where('id', row.id).first()).cancel_reason,
      'Erreur de saisie'
    )
  })

  test('the database keeps components indelible: no change, no delete', async ({ assert }) => {
    const organisation = await makeOrganisation()
    const employee = await employeeOf(organisation)
    const [row] = await db
      .table('pay_components')
      .insert({
        organisation_id: organisation.id,
        employee_id: employee.id,
        kind: 'prime',
        period_start: '2023-01-01',
        period_end: '2023-12-31',
        amount: '500.00',
      })
      .returning('id')
    const attempt = async (sql: string) => {
      try {
        await db.transaction(async (trx) => {
          await trx.rawQuery(sql, [row.id])
        })
        return null
      } catch (error) {
        return String((error as Error).message)
      }
    }
    assert.include(
      await attempt('UPDATE pay_components SET amount = 900 WHERE id = ?'),
      'indélébiles'
    )
    assert.include(await attempt('DELETE FROM pay_components WHERE id = ?'), 'indélébiles')
    const other = await employeeOf(await makeOrganisation('Autre'))
    // A component of one organisation cannot name another organisation's employee (ADR 8).
    const crossed = await db
      .transaction((trx) =>
        trx.table('pay_components').insert({
          organisation_id: organisation.id,
          employee_id: other.id,
          kind: 'prime',
          period_start: '2023-01-01',
          period_end: '2023-12-31',
          amount: '500.00',
        })
      )
      .then(
        () => null,
        (error: { code?: string }) => error.code
      )
    assert.equal(crossed, '23503')
    assert.equal((await db.from('pay_components').where('id', row.id).first()).amount, '500.00')
  })
})

interface Person {
  sex: 'F' | 'H'
  share?: string
  pay: number
  components?: Array<{
    kind: string
    start: string
    end: string
    amount: string
    cancelled?: boolean
  }>
}

/** A synthetic register of TAM aged 38, present all of 2023 (direct inserts, rolled back). */
async function register(organisation: Organisation, people: Person[]) {
  return asOrganisation(organisation, async () => {
    const ids: Array<{ id: number }> = await db
      .table('employees')
      .multiInsert(
        people.map((p, i) => ({
          organisation_id: organisation.id,
          surname: `PAYE${i + 1}`,
          first_names: 'Test',
          sex: p.sex,
          birth_date: '1985-06-15',
        }))
      )
      .returning('id')
    await db.table('contracts').multiInsert(
      people.map((p, i) => ({
        organisation_id: organisation.id,
        employee_id: ids[i].id,
        contract_type: 'cdi',
        job_title: 'Poste',
        csp: 'tam',
        part_time_share: p.share ?? '1.0000',
        start_date: '2020-01-06',
      }))
    )
    await db.table('salary_events').multiInsert(
      people.map((p, i) => ({
        organisation_id: organisation.id,
        employee_id: ids[i].id,
        effective_date: '2020-01-06',
        kind: 'hire',
        gross_annual_fte: p.pay.toFixed(2),
      }))
    )
    const components = people.flatMap((p, i) =>
      (p.components ?? []).map((c) => ({
        organisation_id: organisation.id,
        employee_id: ids[i].id,
        kind: c.kind,
        period_start: c.start,
        period_end: c.end,
        amount: c.amount,
        cancelled_at: c.cancelled ? new Date() : null,
        cancel_reason: c.cancelled ? 'Erreur de saisie' : null,
      }))
    )
    if (components.length) await db.table('pay_components').multiInsert(components)
    return ids.map((r) => r.id)
  })
}

const YEAR = { start: '2023-01-01', end: '2023-12-31' }
const OVERTIME = { kind: 'heures_supplementaires', ...YEAR, amount: '3000.00' }

/**
 * Three women at 27 000 and three men at 30 000 (base, full-time equivalent). By hand:
 * - woman 1, full time: a 600 bonus for 2023 -> 600;
 * - woman 2, half time: a 300 bonus for 2023, annualised in full-time equivalent:
 *   300 x 365 days / (365 days x 0.5) = 600;
 * - woman 3, full time: a 1 200 bonus for 2 December 2022 to 30 January 2023 (60 days, 30 in
 *   2023) -> 600; a cancelled 5 000 bonus counts for nothing;
 * - every woman 3 000 of overtime and one man a 2 000 seniority bonus: left out by the law.
 * Women 27 600, men 30 000: gap 2 400 / 30 000 = 8 %, minus the 5-point threshold = 3.0 ->
 * T1[3] = 37 points (35 with the base salary alone: 10 % - 5 = 5.0).
 */
function payRegister(): Person[] {
  return [
    { sex: 'F', pay: 27000, components: [{ kind: 'prime', ...YEAR, amount: '600.00' }, OVERTIME] },
    {
      sex: 'F',
      pay: 27000,
      share: '0.5000',
      components: [{ kind: 'prime', ...YEAR, amount: '300.00' }, OVERTIME],
    },
    {
      sex: 'F',
      pay: 27000,
      components: [
        { kind: 'prime', start: '2022-12-02', end: '2023-01-30', amount: '1200.00' },
        { kind: 'prime', ...YEAR, amount: '5000.00', cancelled: true },
        OVERTIME,
      ],
    },
    {
      sex: 'H',
      pay: 30000,
      components: [{ kind: 'prime_anciennete', ...YEAR, amount: '2000.00' }],
    },
    { sex: 'H', pay: 30000 },
    { sex: 'H', pay: 30000 },
  ]
}

const build = (organisation: Organisation) =>
  asOrganisation(organisation, () =>
    new EqualityIndexReport(tenantOf(organisation), {
      from: '2023-01-01',
      to: '2023-12-31',
    }).build()
  )

test.group('HR | equality index: remuneration with pay components', (group) => {
  isolated(group)

  test('bonuses count prorated and in full-time equivalent; overtime and cancelled rows do not', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation()
    await register(organisation, payRegister())
    const index = await build(organisation)
    const pay = index.byCode.pay!
    const [first] = pay.detail.groups as Array<{ avgWomen: { toString(): string } }>
    assert.equal(first.avgWomen.toString(), '27600')
    assert.equal(pay.result!.toString(), '3')
    assert.equal(pay.points, 37)
    assert.equal(index.remuneration.label, 'salaire brut de base + primes')
    assert.deepEqual(index.remuneration.excluded, ['heures_supplementaires', 'prime_anciennete'])

    // The same register without components: the base salary alone, 35 points.
    const bare = await makeOrganisation('Sans primes')
    await register(
      bare,
      payRegister().map(({ components: _none, ...person }) => person)
    )
    const before = await build(bare)
    assert.equal(before.byCode.pay!.result!.toString(), '5')
    assert.equal(before.byCode.pay!.points, 35)
    assert.equal(before.remuneration.label, BASE_ONLY_LABEL)
  })

  test('the page and the workbook state what remuneration included; board sees no amount', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    await register(organisation, payRegister())
    const hr = await makeUser(organisation, ['hr'])
    const board = await makeUser(organisation, ['board'])

    const page = (await client.get('/rh/egalite?annee=2023').actingAs(hr)).text()
    assert.include(page, 'Rémunération retenue : salaire brut de base + primes')
    assert.include(page, 'non retenus, comme le prévoit la loi : heures supplémentaires')
    const workbook = await readWorkbook(
      await client.get('/rh/egalite.xlsx?du=2023-01-01&au=2023-12-31').actingAs(hr)
    )
    const sheet = workbook.getWorksheet('Rémunération retenue')!
    assert.equal(sheet.getRow(2).getCell(2).value, 'salaire brut de base + primes')
    const overtime = sheet
      .getSheetValues()
      .find((row) => Array.isArray(row) && String(row[1]).startsWith('Heures supplémentaires'))
    assert.deepEqual((overtime as unknown[]).slice(2, 4), ['non retenu (exclu par la loi)', 'oui'])

    // Board: the aggregate page says what was included, never an amount, in the page or the file.
    const seen = await client.get('/rh/egalite?annee=2023').actingAs(board)
    seen.assertStatus(200)
    assert.include(seen.text(), 'Rémunération retenue : salaire brut de base + primes')
    assert.notMatch(seen.text(), /\d\s?€/)
    const amounts = new Set([600, 300, 1200, 5000, 3000, 2000, 27000, 27600, 30000])
    const file = await readWorkbook(
      await client.get('/rh/egalite.xlsx?du=2023-01-01&au=2023-12-31').actingAs(board)
    )
    file.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          assert.isFalse(
            typeof cell.value === 'number' && amounts.has(cell.value),
            `${ws.name}: ${cell.value}`
          )
        })
      )
    )
    const [employee] = await db.from('employees').where('organisation_id', organisation.id)
    ;(await client.get(`/rh/salaries/${employee.id}`).actingAs(board)).assertStatus(403)
    ;(await client.get(`/rh/salaries/${employee.id}/donnees.xlsx`).actingAs(board)).assertStatus(
      403
    )
  })

  test('the GDPR export of a person lists their pay components', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const [first] = await register(organisation, payRegister())
    const hr = await makeUser(organisation, ['hr'])
    const workbook = await readWorkbook(
      await client.get(`/rh/salaries/${first}/donnees.xlsx`).actingAs(hr)
    )
    const sheet = workbook.getWorksheet('Éléments de paie')!
    assert.equal(sheet.actualRowCount, 3)
    const amounts = [2, 3].map((n) => sheet.getRow(n).getCell(4).value)
    assert.sameMembers(amounts, [600, 3000])
  })
})

const STAFF_HEADER =
  'Matricule;Nom;Prénoms;Sexe;Date de naissance;Type de contrat;Emploi;Temps de travail;Date de début;Date de fin;Motif de fin;Salaire brut annuel ETP;Année des éléments de paie;Primes brutes de l’année;Avantages en nature de l’année;Heures supplémentaires de l’année'

async function staffCsv(lines: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'socle-paie-'))
  const path = join(dir, 'personnel.csv')
  await writeFile(path, [STAFF_HEADER, ...lines].join('\n'))
  return path
}

test.group('HR | pay components from the staff list', (group) => {
  isolated(group)

  test('the optional pay columns write components for the year within the contract', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation('Import paie')
    const actor = { organisationId: organisation.id, userId: null, label: 'test' }
    const outcome = await importFile(
      staffList,
      await staffCsv([
        'P001;Durand;Alice;F;02/04/1985;CDI;Conseillère;1;01/07/2023;;;28000;2023;1 500,50;240;800',
        'P002;Martin;Paul;H;15/09/1990;CDI;Chargé de projet;1;01/03/2021;;;31000;;;;',
      ]),
      actor
    )
    assert.deepEqual(outcome.issues, [])
    assert.equal(outcome.record.status, 'committed')
    const rows = await db
      .from('pay_components')
      .where('organisation_id', organisation.id)
      .orderBy('kind')
    assert.deepEqual(
      rows.map((r) => [r.kind, r.amount, r.period_start, r.period_end, r.source]),
      [
        ['avantage_nature', '240.00', '2023-07-01', '2023-12-31', 'import'],
        ['heures_supplementaires', '800.00', '2023-07-01', '2023-12-31', 'import'],
        ['prime', '1500.50', '2023-07-01', '2023-12-31', 'import'],
      ]
    )
    assert.isTrue(rows.every((r) => r.import_id === outcome.record.id))
  })

  test('amounts without a year, or a year the contract does not cover, are refused', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation('Import paie')
    const actor = { organisationId: organisation.id, userId: null, label: 'test' }
    const before = await tableCounts(['employees', 'pay_components'])
    const outcome = await importFile(
      staffList,
      await staffCsv([
        'P001;Durand;Alice;F;02/04/1985;CDI;Conseillère;1;01/07/2023;;;28000;;1500;;',
        'P002;Martin;Paul;H;15/09/1990;CDD;Chargé;1;01/03/2021;31/12/2021;Fin de CDD;31000;2023;500;;',
        'P003;Petit;Léa;F;01/01/1995;CDI;Conseillère;1;01/01/2023;;;27000;2023;-20;;',
      ]),
      actor
    )
    assert.equal(outcome.record.status, 'rejected')
    const byLine = (line: number) => outcome.issues.filter((i) => i.line === line)
    assert.match(byLine(2)[0].message, /année des éléments de paie manquante/)
    assert.match(byLine(3)[0].message, /ne couvre pas l’année 2023/)
    assert.match(byLine(4)[0].column!, /Primes/)
    assert.deepEqual(await tableCounts(['employees', 'pay_components']), before)
  })
})
