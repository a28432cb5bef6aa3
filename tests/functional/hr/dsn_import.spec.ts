import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/core/organisation'
import {
  isolated,
  makeOrganisation,
  makeUser,
  readWorkbook,
  tableCounts,
  tenantOf,
} from '#tests/helpers'
import { ProgrammeStaffCost } from '#reports/hr/staff_costs'
import { anonymiseLeavers } from '#actions/hr/register'
import { syntheticNir } from '#imports/hr/dsn/generator'
import { dsnFile, fixturePerson, lineOf, replaceRubric } from '#tests/functional/hr/dsn_fixtures'

const REGISTER = [
  'employees',
  'contracts',
  'pay_components',
  'leaves',
  'dsn_declarations',
  'dsn_employee_months',
]
const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ')
let sirens = 0

async function organisationWithSiren() {
  const organisation = await makeOrganisation()
  sirens += 1
  organisation.siren = `8${String(process.pid % 10000).padStart(4, '0')}${String(sirens).padStart(4, '0')}`
  await db.from('organisations').where('id', organisation.id).update({ siren: organisation.siren })
  return organisation
}

async function upload(client: any, user: any, path: string) {
  return client.post('/rh/dsn').file('fichier', path).withCsrfToken().actingAs(user).redirects(0)
}

/** Uploads then commits a file; returns the import id. */
async function importDsn(client: any, user: any, path: string) {
  const preview = await upload(client, user, path)
  preview.assertStatus(302)
  const id = Number(/\/rh\/dsn\/imports\/(\d+)/.exec(preview.header('location'))![1])
  const commit = await client
    .post(`/rh/dsn/imports/${id}/validation`)
    .withCsrfToken()
    .actingAs(user)
    .redirects(0)
  commit.assertStatus(302)
  return { id, commit }
}

const activeComponents = (organisation: Organisation) =>
  db
    .from('pay_components')
    .where('organisation_id', organisation.id)
    .whereNull('cancelled_at')
    .orderBy('kind')
    .select('kind', 'amount', 'source', 'import_id', 'period_start', 'period_end')

test.group('DSN: preview then commit', (group) => {
  isolated(group)

  test('the preview shows person by person what the file does; the commit writes it all', async ({
    client,
    assert,
  }) => {
    const organisation = await organisationWithSiren()
    const hr = await makeUser(organisation, ['hr'])
    const { path } = await dsnFile({
      siren: organisation.siren!,
      people: [
        fixturePerson({
          stoppages: [{ reason: '02', lastWorked: '2023-03-05', plannedEnd: '2023-06-30' }],
        }),
      ],
    })
    const before = await tableCounts(REGISTER)
    const preview = await upload(client, hr, path)
    preview.assertStatus(302)
    assert.deepEqual(await tableCounts(REGISTER), before, 'the preview writes nothing')
    const page = plain((await client.get(preview.header('location')).actingAs(hr)).text())
    assert.include(page, 'DSN de <strong>03/2023</strong> — Déclaration normale')
    assert.include(page, 'MARTIN Claire')
    assert.include(page, 'Nouveau salarié')
    assert.include(page, 'Nouveau contrat : CDI du 01/09/2020, Technicien et agent de maîtrise')
    assert.include(page, 'Maternité du 06/03/2023 au 30/06/2023')
    assert.include(page, '2 500,00 €')

    const id = Number(/(\d+)$/.exec(preview.header('location'))![1])
    const commit = await client
      .post(`/rh/dsn/imports/${id}/validation`)
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    commit.assertStatus(302)
    assert.match(String(commit.flashMessages().success), /^DSN enregistrée : 1 salarié\(s\)/)
    // the year is reconciled once committed, as after the other imports
    const results = await db
      .from('reconciliation_results as r')
      .join('reconciliation_runs as u', 'u.id', 'r.run_id')
      .where('u.organisation_id', organisation.id)
      .where('r.check_id', 'payroll.headcount_dsn_vs_register:2023-03')
      .select('r.status')
    assert.deepEqual(
      results.map((r) => r.status),
      ['ok']
    )

    const employee = await db
      .from('employees')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    assert.equal(employee.nir, syntheticNir('F', '1985-04-12', 1))
    assert.equal(employee.registry_number, 'M0001')
    const contract = await db.from('contracts').where('employee_id', employee.id).firstOrFail()
    assert.equal(contract.contract_type, 'cdi')
    assert.equal(contract.csp, 'tam')
    assert.equal(contract.part_time_share, '0.8000')
    assert.deepEqual(
      (await activeComponents(organisation)).map((c) => [c.kind, c.amount, c.source, c.import_id]),
      [
        ['avantage_nature', '50.00', 'dsn', id],
        ['base', '2300.00', 'dsn', id],
        ['prime', '150.00', 'dsn', id],
      ]
    )
    const leave = await db.from('leaves').where('employee_id', employee.id).firstOrFail()
    assert.deepEqual(
      [leave.kind, leave.start_date, leave.end_date],
      ['maternite', '2023-03-06', '2023-06-30']
    )
    const declaration = await db
      .from('dsn_declarations')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    assert.deepEqual(
      [
        declaration.month,
        declaration.status,
        declaration.headcount,
        declaration.gross_total,
        declaration.employer_contributions,
      ],
      ['2023-03-01', 'active', 1, '2500.00', '1050.00']
    )
    const audit = await db
      .from('audit_events')
      .where({ organisation_id: organisation.id, subject_type: 'imports', action: 'import' })
      .first()
    assert.match(audit.summary, /^DSN 03\/2023/)

    // The next month matches the employee by NIR and changes nothing of the contract.
    const april = await dsnFile({ siren: organisation.siren!, month: '2023-04' })
    await importDsn(client, hr, april.path)
    assert.equal(
      await db
        .from('employees')
        .where('organisation_id', organisation.id)
        .count('* as n')
        .first()
        .then((r) => Number(r.n)),
      1
    )
    assert.equal((await db.from('contracts').where('employee_id', employee.id)).length, 1)
    const index = plain((await client.get('/rh/dsn').actingAs(hr)).text())
    assert.include(index, '04/2023')
    assert.include(index, '03/2023')
    const workbook = await readWorkbook(await client.get('/rh/dsn.xlsx').actingAs(hr))
    assert.equal(workbook.worksheets[0].actualRowCount, 3)
  })

  test('a contract that changes is corrected the register’s way; an end is recorded', async ({
    client,
    assert,
  }) => {
    const organisation = await organisationWithSiren()
    const hr = await makeUser(organisation, ['hr'])
    await importDsn(client, hr, (await dsnFile({ siren: organisation.siren! })).path)
    const changed = fixturePerson({
      contracts: [
        {
          start: '2020-09-01',
          contractType: 'cdi',
          csp: 'cadre',
          jobTitle: 'Conseillère',
          share: '1.0000',
          end: '2023-04-30',
          endReason: 'demission',
        },
      ],
    })
    const april = await dsnFile({ siren: organisation.siren!, month: '2023-04', people: [changed] })
    const preview = await upload(client, hr, april.path)
    const page = plain((await client.get(preview.header('location')).actingAs(hr)).text())
    assert.include(page, 'Contrat corrigé')
    assert.include(page, 'CSP : Technicien et agent de maîtrise → Ingénieur et cadre')
    const id = Number(/(\d+)$/.exec(preview.header('location'))![1])
    await client.post(`/rh/dsn/imports/${id}/validation`).withCsrfToken().actingAs(hr)
    const contracts = await db
      .from('contracts')
      .where('organisation_id', organisation.id)
      .orderBy('id')
    assert.lengthOf(contracts, 2)
    assert.isNotNull(contracts[0].superseded_at)
    assert.equal(contracts[1].supersedes_id, contracts[0].id)
    assert.deepEqual(
      [
        contracts[1].csp,
        contracts[1].part_time_share,
        contracts[1].end_date,
        contracts[1].end_reason,
      ],
      ['cadre', '1.0000', '2023-04-30', 'demission']
    )
  })
})

test.group('DSN: bad input is refused with line, rubric and reason, nothing stored', (group) => {
  isolated(group)

  const cases: Array<[string, (text: string) => string, RegExp, (text: string) => number | null]> =
    [
      [
        'a malformed line',
        (t) => replaceRubric(t, 'S21.G00.30.002', 'S21.G00.30.002;MARTIN'),
        /ligne mal formée/,
        (t) => lineOf(t, 'S21.G00.30.001') + 1,
      ],
      [
        'a rubric out of order',
        (t) => replaceRubric(t, 'S21.G00.30.006', "S21.G00.11.001,'00012'"),
        /hors de l’ordre de la norme/,
        (t) => lineOf(t, 'S21.G00.30.005') + 1,
      ],
      [
        'an unknown code',
        (t) => replaceRubric(t, 'S21.G00.40.007', "S21.G00.40.007,'42'"),
        /code inconnu : nature du contrat/,
        (t) => lineOf(t, 'S21.G00.40.007'),
      ],
    ]
  for (const [name, edit, reason, line] of cases) {
    test(`${name}`, async ({ client, assert }) => {
      const organisation = await organisationWithSiren()
      const hr = await makeUser(organisation, ['hr'])
      const { path, text } = await dsnFile({ siren: organisation.siren! }, edit)
      const before = await tableCounts(REGISTER)
      const response = await upload(client, hr, path)
      const page = plain((await client.get(response.header('location')).actingAs(hr)).text())
      assert.include(page, 'Fichier refusé')
      assert.match(page, reason)
      assert.include(page, `<td class="num">${line(text)}</td>`)
      assert.notInclude(page, 'Enregistrer la DSN')
      assert.deepEqual(await tableCounts(REGISTER), before)
      const id = Number(/(\d+)$/.exec(response.header('location'))![1])
      const commit = await client
        .post(`/rh/dsn/imports/${id}/validation`)
        .withCsrfToken()
        .actingAs(hr)
        .redirects(0)
      commit.assertStatus(303)
      assert.match(String(commit.flashMessages().error), /refusée/)
      assert.deepEqual(await tableCounts(REGISTER), before)
    })
  }

  test('a SIREN or SIRET that is not the organisation’s', async ({ client, assert }) => {
    const organisation = await organisationWithSiren()
    const hr = await makeUser(organisation, ['hr'])
    const { path } = await dsnFile({ siren: '999999999' })
    const before = await tableCounts(REGISTER)
    const response = await upload(client, hr, path)
    const page = plain((await client.get(response.header('location')).actingAs(hr)).text())
    assert.include(page, 'S21.G00.06.001')
    assert.include(page, `ce SIREN n’est pas celui de l’organisation (${organisation.siren})`)
    assert.deepEqual(await tableCounts(REGISTER), before)
  })

  test('a month already imported, unless the file replaces it', async ({ client, assert }) => {
    const organisation = await organisationWithSiren()
    const hr = await makeUser(organisation, ['hr'])
    await importDsn(client, hr, (await dsnFile({ siren: organisation.siren! })).path)
    const before = await tableCounts(REGISTER)
    const again = await dsnFile({
      siren: organisation.siren!,
      people: [fixturePerson({ gross: '2600.00' })],
    })
    const response = await upload(client, hr, again.path)
    const page = plain((await client.get(response.header('location')).actingAs(hr)).text())
    assert.include(page, 'S20.G00.05.005')
    assert.include(page, 'le mois 03/2023 a déjà une DSN importée')
    assert.deepEqual(await tableCounts(REGISTER), before)
  })

  test('no file, or a preview committed twice, is refused', async ({ client, assert }) => {
    const organisation = await organisationWithSiren()
    const hr = await makeUser(organisation, ['hr'])
    const none = await client.post('/rh/dsn').withCsrfToken().actingAs(hr).redirects(0)
    none.assertStatus(303)
    assert.include(JSON.stringify(none.flashMessages()), 'Choisissez un fichier DSN à importer.')
    const { id } = await importDsn(client, hr, (await dsnFile({ siren: organisation.siren! })).path)
    const twice = await client
      .post(`/rh/dsn/imports/${id}/validation`)
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    twice.assertStatus(303)
    assert.equal(twice.flashMessages().error, 'Cette DSN a déjà été enregistrée.')
  })
})

test.group('DSN: replacing and cancelling declarations', (group) => {
  isolated(group)

  test('a replacing declaration replaces the month: totals after are the replacing file’s', async ({
    client,
    assert,
  }) => {
    const organisation = await organisationWithSiren()
    const hr = await makeUser(organisation, ['hr'])
    const first = await importDsn(client, hr, (await dsnFile({ siren: organisation.siren! })).path)
    const replacing = await dsnFile({
      siren: organisation.siren!,
      type: '03',
      people: [
        fixturePerson({
          gross: '2700.00',
          elements: [
            { code: 'S21.G00.51:010', amount: '2300.00' },
            { code: 'S21.G00.52:026', amount: '400.00' },
          ],
          employerContributions: '1130.00',
        }),
      ],
    })
    const second = await importDsn(client, hr, replacing.path)
    assert.match(
      String(second.commit.flashMessages().success),
      /la déclaration précédente du mois est remplacée/
    )
    assert.deepEqual(
      (await activeComponents(organisation)).map((c) => [c.kind, c.amount, c.import_id]),
      [
        ['base', '2300.00', second.id],
        ['prime', '400.00', second.id],
      ]
    )
    const cancelled = await db
      .from('pay_components')
      .where({ organisation_id: organisation.id, import_id: first.id })
    assert.lengthOf(cancelled, 3)
    for (const c of cancelled)
      assert.equal(c.cancel_reason, `DSN remplacée par l’import n° ${second.id}`)
    const declarations = await db
      .from('dsn_declarations')
      .where('organisation_id', organisation.id)
      .orderBy('id')
    assert.deepEqual(
      declarations.map((d) => [d.status, d.gross_total, d.employer_contributions]),
      [
        ['replaced', '2500.00', '1050.00'],
        ['active', '2700.00', '1130.00'],
      ]
    )
    const [{ gross }] = (
      await db.rawQuery(
        `SELECT sum(m.gross)::text AS gross FROM dsn_employee_months m
           JOIN dsn_declarations d ON d.id = m.declaration_id AND d.status = 'active'
          WHERE m.organisation_id = ?`,
        [organisation.id]
      )
    ).rows
    assert.equal(gross, '2700.00')
  })

  test('a cancelling declaration cancels the month; replacing nothing is refused', async ({
    client,
    assert,
  }) => {
    const organisation = await organisationWithSiren()
    const hr = await makeUser(organisation, ['hr'])
    const orphan = await dsnFile({ siren: organisation.siren!, type: '03' })
    const refused = await upload(client, hr, orphan.path)
    const page = plain((await client.get(refused.header('location')).actingAs(hr)).text())
    assert.include(page, 'aucune DSN du mois 03/2023 n’a été importée')
    await importDsn(client, hr, (await dsnFile({ siren: organisation.siren! })).path)
    await importDsn(client, hr, (await dsnFile({ siren: organisation.siren!, type: '04' })).path)
    assert.lengthOf(await activeComponents(organisation), 0)
    const statuses = await db
      .from('dsn_declarations')
      .where('organisation_id', organisation.id)
      .orderBy('id')
      .select('status')
    assert.deepEqual(
      statuses.map((s) => s.status),
      ['cancelled', 'cancelled']
    )
  })
})

test.group('DSN: the NIR is personal data', (group) => {
  isolated(group)

  test('board, direction and finance never see the DSN pages nor the NIR', async ({
    client,
    assert,
  }) => {
    const organisation = await organisationWithSiren()
    const hr = await makeUser(organisation, ['hr'])
    await importDsn(client, hr, (await dsnFile({ siren: organisation.siren! })).path)
    const april = await upload(
      client,
      hr,
      (await dsnFile({ siren: organisation.siren!, month: '2023-04' })).path
    )
    const id = Number(/(\d+)$/.exec(april.header('location'))![1])
    const nir = syntheticNir('F', '1985-04-12', 1)
    assert.include((await client.get(`/rh/dsn/imports/${id}`).actingAs(hr)).text(), nir)
    // the person's own data export (GDPR access, HR only) names it
    const employee = await db.from('employees').where('nir', nir).firstOrFail()
    const gdpr = await readWorkbook(
      await client.get(`/rh/salaries/${employee.id}/donnees.xlsx`).actingAs(hr)
    )
    const cells: string[] = []
    gdpr.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))))
    assert.include(cells, nir)
    for (const role of ['board', 'direction', 'finance'] as const) {
      const user = await makeUser(organisation, [role])
      for (const url of [
        '/rh/dsn',
        '/rh/dsn.xlsx',
        `/rh/dsn/imports/${id}`,
        '/rh/salaries.xlsx',
        `/rh/salaries/${employee.id}/donnees.xlsx`,
      ]) {
        const response = await client.get(url).actingAs(user).redirects(0)
        assert.include([403, 302], response.status(), `${role} ${url}`)
      }
      for (const url of [
        '/rh',
        '/rh/bilan-social',
        '/rh/bilan-social.xlsx',
        '/rh/egalite',
        '/rh/egalite.xlsx',
      ]) {
        const response = await client.get(url).actingAs(user).redirects(0)
        if (response.status() !== 200) continue
        const body = response.body()
        const text = Buffer.isBuffer(body) ? body.toString('latin1') : response.text()
        assert.notInclude(text, nir, `${role} ${url}`)
      }
    }
  })

  test('the anonymisation removes the NIR, from the register and from the audit log', async ({
    assert,
    client,
  }) => {
    const organisation = await organisationWithSiren()
    const hr = await makeUser(organisation, ['hr'])
    const ended = fixturePerson({
      contracts: [
        {
          start: '2015-01-01',
          contractType: 'cdd',
          csp: 'employe',
          jobTitle: 'Chargée d’accueil',
          share: '1.0000',
          end: '2017-03-31',
          endReason: 'fin_cdd',
        },
      ],
    })
    await importDsn(
      client,
      hr,
      (await dsnFile({ siren: organisation.siren!, month: '2017-03', people: [ended] })).path
    )
    const nir = syntheticNir('F', '1985-04-12', 1)
    await db.table('audit_events').insert({
      organisation_id: organisation.id,
      actor: 'test',
      domain: 'hr',
      action: 'update',
      subject_type: 'employees',
      subject_id: String((await db.from('employees').where('nir', nir).firstOrFail()).id),
      after: JSON.stringify({ nir }),
      summary: `NIR ${nir} vérifié`,
    })
    assert.equal(await anonymiseLeavers(organisation.id, '2024-01-01'), 1)
    const employee = await db
      .from('employees')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    assert.isNull(employee.nir)
    const traces = await db
      .from('audit_events')
      .where('organisation_id', organisation.id)
      .where((q) =>
        q.whereRaw('after::text LIKE ?', [`%${nir}%`]).orWhere('summary', 'like', `%${nir}%`)
      )
    assert.lengthOf(traces, 0)
  })
})

test.group('DSN: the declared pay in staff costs', (group) => {
  isolated(group)

  test('a programme’s staff cost takes the DSN’s gross pay of the month where there is one', async ({
    client,
    assert,
  }) => {
    const organisation = await organisationWithSiren()
    const hr = await makeUser(organisation, ['hr'])
    await importDsn(client, hr, (await dsnFile({ siren: organisation.siren! })).path)
    const employee = await db
      .from('employees')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    await db.table('salary_events').insert({
      organisation_id: organisation.id,
      employee_id: employee.id,
      effective_date: '2020-09-01',
      kind: 'hire',
      gross_annual_fte: '36000.00',
    })
    await db
      .table('hr_settings')
      .insert({ organisation_id: organisation.id, employer_charge_rate: '0.4000' })
    const [p] = await db
      .table('programmes')
      .insert({ organisation_id: organisation.id, code: 'CEJ', name: 'CEJ', level: 'national' })
      .returning('id')
    for (const month of ['2023-03-01', '2023-04-01'])
      await db.table('time_allocations').insert({
        organisation_id: organisation.id,
        employee_id: employee.id,
        programme_id: p.id,
        month,
        share: '0.5000',
      })
    const cost = await new ProgrammeStaffCost(tenantOf(organisation), {
      programmeId: p.id,
      from: '2023-01-01',
      to: '2023-12-31',
    }).build()
    // March: the DSN's 2 500 x 0.5 = 1 250; April (no DSN): 36 000 / 12 x 0.8 x 0.5 = 1 200
    assert.equal(cost.gross.toFixed(2), '2450.00')
    assert.equal(cost.total.toFixed(2), '3430.00')
  })
})
