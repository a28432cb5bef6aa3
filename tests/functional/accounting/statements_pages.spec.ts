import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ApiClient } from '@japa/api-client'
import { Decimal } from 'decimal.js'
import type User from '#models/core/user'
import { demoOrganisation, isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'

const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ')

/** The shared demo organisation: its ledger reproduces the 2023 report. */
async function seeded() {
  return demoOrganisation()
}

async function workbook(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook()
  const sheet = wb.addWorksheet('Budget')
  for (const row of rows) sheet.addRow(row)
  const path = join(tmpdir(), `budget-${process.pid}-${Date.now()}.xlsx`)
  await wb.xlsx.writeFile(path)
  return path
}

/** Creates the revised 2024 budget of the demo organisation through its form. */
async function revisedBudget(client: ApiClient, organisationId: number, user: User) {
  const year = await db
    .from('fiscal_years')
    .where({ organisation_id: organisationId, start_date: '2024-01-01' })
    .first()
  const created = await client
    .post('/comptabilite/budgets')
    .form({
      fiscalYearId: year.id,
      layoutCode: 'rapport-annuel',
      versionKind: 'revised',
      label: 'Budget révisé 2024',
    })
    .withCsrfToken()
    .actingAs(user)
    .redirects(0)
  if (created.status() !== 302) throw new Error(JSON.stringify(created.flashMessages()))
  return db
    .from('budgets')
    .where({ organisation_id: organisationId, version_kind: 'revised' })
    .first()
}

/** Uploads a budget file to the generic import screen; returns the page and the import record. */
async function previewBudget(
  client: ApiClient,
  user: User,
  path: string,
  target: number | string | null
) {
  const request = client.post('/imports/comptabilite.budget').file('fichier', path)
  if (target !== null) request.field('cible', String(target))
  const response = await request.withCsrfToken().actingAs(user)
  const record = await db
    .from('imports')
    .where({ kind: 'comptabilite.budget', organisation_id: user.organisationId })
    .orderBy('id', 'desc')
    .first()
  return { response, record }
}

test.group('Statements | pages, exports, roles', (group) => {
  isolated(group)
  // Each test seeds the 2023 demo ledger (about 20,000 lines) in its rolled-back transaction.
  group.each.timeout(180_000)

  test('finance reads the statements, drills down and exports', async ({ client, assert }) => {
    const organisation = await seeded()
    const user = await makeUser(organisation, ['finance'])
    const income = await client
      .get('/comptabilite/etats/compte-de-resultat?annee=2023&budget=2024')
      .actingAs(user)
    income.assertStatus(200)
    assert.include(plain(income.text()), '403 271,51')
    assert.include(income.text(), 'Budget prévisionnel 2024')
    const balance = await client.get('/comptabilite/etats/bilan?annee=2023').actingAs(user)
    balance.assertStatus(200)
    assert.include(plain(balance.text()), '4 227 904,00')
    assert.include(balance.text(), 'Actif = passif')
    const line = await client
      .get('/comptabilite/etats/compte-de-resultat/lignes/P01A?annee=2023')
      .actingAs(user)
    line.assertStatus(200)
    assert.include(line.text(), '74111')
    assert.include(line.text(), '/comptabilite/grand-livre?compte=74111')
    ;(
      await client
        .get('/comptabilite/etats/compte-de-resultat/lignes/P01A/export.xlsx?annee=2023')
        .actingAs(user)
    ).assertStatus(200)
    const xlsx = await client.get('/comptabilite/etats/bilan.xlsx?annee=2023').actingAs(user)
    xlsx.assertStatus(200)
    assert.include(xlsx.header('content-type'), 'spreadsheetml')
    const print = await client.get('/comptabilite/etats/liasse?annee=2023').actingAs(user)
    print.assertStatus(200)
  })

  test('hr gets 403 on the statements; board reads but cannot write', async ({ client }) => {
    const organisation = await seeded()
    const hr = await makeUser(organisation, ['hr'])
    const board = await makeUser(organisation, ['board'])
    ;(await client.get('/comptabilite/etats/bilan?annee=2023').actingAs(hr)).assertStatus(403)
    ;(await client.get('/comptabilite/budgets').actingAs(hr)).assertStatus(403)
    ;(await client.get('/comptabilite/etats/bilan?annee=2023').actingAs(board)).assertStatus(200)
    const year = await db
      .from('fiscal_years')
      .where('organisation_id', organisation.id)
      .orderBy('start_date', 'desc')
      .first()
    ;(
      await client
        .post('/comptabilite/budgets')
        .form({
          fiscalYearId: year.id,
          layoutCode: 'rapport-annuel',
          versionKind: 'revised',
          label: 'X',
        })
        .withCsrfToken()
        .actingAs(board)
    ).assertStatus(403)
    ;(
      await client
        .post(`/comptabilite/exercices/${year.id}/cloture`)
        .withCsrfToken()
        .actingAs(board)
    ).assertStatus(403)
  })

  test('only admin may reopen a closed year', async ({ client, assert }) => {
    const organisation = await seeded()
    const finance = await makeUser(organisation, ['finance'])
    const y2022 = await db
      .from('fiscal_years')
      .where({ organisation_id: organisation.id, start_date: '2022-01-01' })
      .first()
    const response = await client
      .post(`/comptabilite/exercices/${y2022.id}/cloture?_method=DELETE`)
      .form({ motif: 'Erreur de saisie constatée' })
      .withCsrfToken()
      .actingAs(finance)
    response.assertStatus(403)
    const after = await db.from('fiscal_years').where('id', y2022.id).first()
    assert.equal(after.status, 'closed')
  })

  test('a bad budget import is refused with line, column and reason, and changes nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await seeded()
    const user = await makeUser(organisation, ['finance'])
    const budget = await revisedBudget(client, organisation.id, user)
    const show = await client.get(`/comptabilite/budgets/${budget.id}`).actingAs(user)
    show.assertStatus(200)
    assert.include(show.text(), `/imports/comptabilite.budget/nouveau?cible=${budget.id}`)
    assert.notInclude(show.text(), `/comptabilite/budgets/${budget.id}/import`)
    const screen = await client
      .get(`/imports/comptabilite.budget/nouveau?cible=${budget.id}`)
      .actingAs(user)
    screen.assertStatus(200)
    assert.include(screen.text(), `name="cible" value="${budget.id}"`)
    ;(await client.get('/imports/comptabilite.budget/modele.xlsx').actingAs(user)).assertStatus(200)

    const stranger = await makeUser(await makeOrganisation('Autre'), ['finance'])
    const tables = ['budget_lines', 'budgets', 'audit_events', 'reconciliation_runs']
    const before = await tableCounts(tables)
    const path = await workbook([
      ['Code', 'Libellé', 'Montant'],
      ['C01', 'Achats', 280000],
      ['ZZ9', 'Inconnue', 1000],
      ['C02', 'Services extérieurs', 'douze mille'],
      ['TC', 'Total des charges', 5],
      ['C01', 'Achats (bis)', 1],
    ])
    const { response, record } = await previewBudget(client, user, path, budget.id)
    response.assertStatus(200)
    assert.include(plain(response.text()), 'Fichier refusé : 4 erreur(s)')
    assert.equal(record.status, 'rejected')
    const issues = (record.errors as any[]).map((i) => [i.line, i.column, i.value, i.message])
    assert.deepEqual(issues, [
      [3, 'A (Code)', 'ZZ9', 'code « ZZ9 » inconnu ou calculé (total, sous-total)'],
      [4, 'C (Montant)', 'douze mille', issues[1][3]],
      [5, 'A (Code)', 'TC', 'code « TC » inconnu ou calculé (total, sous-total)'],
      [6, 'A (Code)', 'C01', 'code « C01 » en double (déjà en ligne 2)'],
    ])
    assert.match(issues[1][3], /montant/i)
    // A rejected import cannot be committed.
    const refused = await client
      .post(`/imports/comptabilite.budget/${record.id}/validation`)
      .form({ cible: String(budget.id) })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    refused.assertStatus(303)
    assert.match((refused.flashMessages() as any).error, /refusé/)
    assert.deepEqual(await tableCounts(tables), before)

    // Without a target, or with another organisation's budget, nothing is read into any budget.
    const good = await workbook([
      ['Code', 'Libellé', 'Montant'],
      ['C01', 'Achats', 280000],
      ['C02', 'Services extérieurs', '800 434,00'],
    ])
    for (const [who, target] of [
      [user, null],
      [user, 'abc'],
      [stranger, budget.id],
    ] as const) {
      const attempt = await previewBudget(client, who, good, target)
      attempt.response.assertStatus(200)
      assert.equal(attempt.record.status, 'rejected')
      assert.match(attempt.record.errors[0].message, /budget introuvable/)
    }
    assert.deepEqual(await tableCounts(tables), before)
  })

  test('a good budget import is previewed, then committed in one go with its audit trail', async ({
    client,
    assert,
  }) => {
    const organisation = await seeded()
    const user = await makeUser(organisation, ['finance'])
    const hr = await makeUser(organisation, ['hr'])
    const budget = await revisedBudget(client, organisation.id, user)
    ;(
      await client.get(`/imports/comptabilite.budget/nouveau?cible=${budget.id}`).actingAs(hr)
    ).assertStatus(403)
    const good = await workbook([
      ['Code', 'Libellé', 'Montant'],
      ['C01', 'Achats', 280000],
      ['C02', 'Services extérieurs', '800 434,00'],
    ])
    const hrPreview = await client
      .post('/imports/comptabilite.budget')
      .file('fichier', good)
      .field('cible', String(budget.id))
      .withCsrfToken()
      .actingAs(hr)
    hrPreview.assertStatus(403)

    const runs = (await tableCounts(['reconciliation_runs'])).reconciliation_runs
    const { response, record } = await previewBudget(client, user, good, budget.id)
    response.assertStatus(200)
    assert.equal(record.status, 'previewed')
    assert.include(response.text(), 'Budget révisé 2024')
    assert.include(response.text(), `name="cible" value="${budget.id}"`)
    assert.lengthOf(await db.from('budget_lines').where('budget_id', budget.id), 0)

    const commit = await client
      .post(`/imports/comptabilite.budget/${record.id}/validation`)
      .form({ cible: String(budget.id) })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    commit.assertStatus(302)
    commit.assertHeader('location', `/comptabilite/budgets/${budget.id}`)
    assert.match(
      (commit.flashMessages() as any).success,
      /2 montant\(s\) importé\(s\) dans « Budget révisé 2024 »/
    )
    const lines = await db
      .from('budget_lines as bl')
      .join('statement_lines as sl', 'sl.id', 'bl.statement_line_id')
      .where('bl.budget_id', budget.id)
      .orderBy('sl.code')
      .select('sl.code', 'bl.amount', 'bl.account_id')
    assert.deepEqual(
      lines.map((l) => [l.code, new Decimal(l.amount).toFixed(2), l.account_id]),
      [
        ['C01', '280000.00', null],
        ['C02', '800434.00', null],
      ]
    )
    const events = await db
      .from('audit_events')
      .where('organisation_id', organisation.id)
      .where((q) =>
        q
          .where({ subject_type: 'budgets', subject_id: String(budget.id), action: 'update' })
          .orWhere({ subject_type: 'imports', subject_id: String(record.id), action: 'import' })
      )
      .select('subject_type', 'domain')
    assert.sameMembers(
      events.map((e) => `${e.domain}:${e.subject_type}`),
      ['accounting:budgets', 'accounting:imports']
    )
    const stored = await db.from('imports').where('id', record.id).first()
    assert.equal(stored.status, 'committed')
    // A budget is not a published figure: the import does not run a reconciliation.
    assert.equal((await tableCounts(['reconciliation_runs'])).reconciliation_runs, runs)

    // Once approved, the budget refuses any further import and keeps its amounts.
    ;(
      await client
        .post(`/comptabilite/budgets/${budget.id}/approbation`)
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)
    ).assertStatus(302)
    const other = await workbook([
      ['Code', 'Montant'],
      ['C01', 1],
    ])
    const late = await previewBudget(client, user, other, budget.id)
    assert.equal(late.record.status, 'rejected')
    assert.match(late.record.errors[0].message, /budget approuvé ne se modifie plus/)
    assert.lengthOf(await db.from('budget_lines').where('budget_id', budget.id), 2)
  })

  test('another organisation never sees the budget', async ({ client }) => {
    await seeded()
    const other = await makeOrganisation('Autre')
    const user = await makeUser(other, ['finance'])
    const budget = await db.from('budgets').orderBy('id', 'desc').first()
    ;(await client.get(`/comptabilite/budgets/${budget.id}`).actingAs(user)).assertStatus(404)
  })

  test('an accountant adjusts a layout line; bad notation is refused and changes nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await seeded()
    const finance = await makeUser(organisation, ['finance'])
    const board = await makeUser(organisation, ['board'])
    const layout = await db
      .from('statement_layouts')
      .where({ organisation_id: organisation.id, code: 'rapport-annuel', kind: 'income_statement' })
      .first()
    const line = await db
      .from('statement_lines')
      .where({ layout_id: layout.id, code: 'C06' })
      .first()
    const url = `/comptabilite/presentations/${layout.id}/lignes/${line.id}`
    ;(await client.get(`/comptabilite/presentations/${layout.id}`).actingAs(finance)).assertStatus(
      200
    )
    const denied = await client
      .post(url)
      .form({ label: 'X', ranges: '65', version: line.version })
      .withCsrfToken()
      .actingAs(board)
    denied.assertStatus(403)
    const bad = await client
      .post(url)
      .form({ label: 'Autres charges', ranges: '65 6x', version: line.version })
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    assert.match(String(bad.flashMessages().error), /Préfixe de compte invalide : 6x/)
    const unchanged = await db.from('statement_lines').where('id', line.id).first()
    assert.equal(unchanged.version, line.version)
    assert.equal(unchanged.label, line.label)
    const good = await client
      .post(url)
      .form({ label: 'Autres charges de gestion', ranges: '65 -6581', version: line.version })
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    good.assertStatus(302)
    const income = await client
      .get('/comptabilite/etats/compte-de-resultat?annee=2023')
      .actingAs(finance)
    assert.include(income.text(), 'Autres charges de gestion')
    assert.include(income.text(), 'Comptes non repris par cette présentation : 6581')
  })

  test('year-end and budget screens; finance closes 2023 from the page', async ({
    client,
    assert,
  }) => {
    const organisation = await seeded()
    const finance = await makeUser(organisation, ['finance'])
    const page = await client.get('/comptabilite/exercices').actingAs(finance)
    page.assertStatus(200)
    assert.include(page.text(), 'AG du 20 juin 2023 — Affectation du résultat 2022')
    const budgets = await client.get('/comptabilite/budgets').actingAs(finance)
    budgets.assertStatus(200)
    assert.include(budgets.text(), 'Budget prévisionnel 2024')
    const budget = await db.from('budgets').where('organisation_id', organisation.id).first()
    const show = await client.get(`/comptabilite/budgets/${budget.id}`).actingAs(finance)
    show.assertStatus(200)
    assert.include(plain(show.text()), '10 100 541,00')
    ;(
      await client.get(`/comptabilite/budgets/${budget.id}/export.xlsx`).actingAs(finance)
    ).assertStatus(200)
    const y2023 = await db
      .from('fiscal_years')
      .where({ organisation_id: organisation.id, start_date: '2023-01-01' })
      .first()
    const closed = await client
      .post(`/comptabilite/exercices/${y2023.id}/cloture`)
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    closed.assertStatus(302)
    assert.match(String(closed.flashMessages().success), /résultat 403271,51 €/)
    const again = await client
      .post(`/comptabilite/exercices/${y2023.id}/cloture`)
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    assert.match(String(again.flashMessages().error), /déjà clôturé/)
  })
})
