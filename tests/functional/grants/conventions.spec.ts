import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { makeGrant, makeLedger, postEntry } from '#tests/functional/grants/fixtures'
import type { Role } from '#policies/role_matrix'
import { assertFieldError } from '#tests/support/refusals'

const GRANT_TABLES = [
  'grants',
  'grant_years',
  'grant_payment_schedules',
  'grant_receipts',
  'grant_events',
  'grant_amendments',
  'funders',
  'audit_events',
]

async function flashError(response: { flashMessages(): Record<string, any> }) {
  return String(response.flashMessages().error ?? '')
}

test.group('Grants: conventions and their rules', (group) => {
  isolated(group)

  test('finance creates a funder and a convention; the creation is audited', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const funder = await client
      .post('/financements/financeurs')
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ name: 'DREETS Bretagne', category: 'etat_dreets', revenueAccount: '7411' })
    funder.assertStatus(302)
    const funderRow = await db
      .from('funders')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    const response = await client
      .post('/financements/conventions')
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({
        funderId: funderRow.id,
        reference: 'CPO-2023',
        title: 'CPO socle',
        periodStart: '2023-01-01',
        periodEnd: '2025-12-31',
        amountAwarded: '1 499 604,00',
        cofinancingRate: '80',
        flatRate: '15',
      })
    response.assertStatus(302)
    const grant = await db.from('grants').where('organisation_id', organisation.id).firstOrFail()
    assert.equal(grant.amount_awarded, '1499604.00')
    assert.equal(grant.cofinancing_rate, '0.8000')
    assert.equal(grant.flat_rate_basis, 'direct_staff_costs')
    const audits = await db
      .from('audit_events')
      .where({ domain: 'grants', subject_type: 'grants', subject_id: String(grant.id) })
    assert.isAbove(audits.length, 0)
    const events = await db.from('grant_events').where('grant_id', grant.id)
    assert.equal(events[0].kind, 'requested')
    assert.equal(events[0].actor, user.email)
  })

  test('a period that ends before it starts is refused with a French message', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation)
    const before = await tableCounts(GRANT_TABLES)
    const response = await client
      .post('/financements/conventions')
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({
        funderId: grant.funderId,
        reference: 'X-1',
        title: 'Mauvaise période',
        periodStart: '2024-06-01',
        periodEnd: '2024-01-31',
        amountAwarded: '1000',
      })
    response.assertStatus(303)
    assert.match(await flashError(response), /se termine .* avant de commencer/)
    assert.deepEqual(await tableCounts(GRANT_TABLES), before)
  })

  test('the yearly split cannot exceed the awarded amount', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation)
    const ok = await client
      .post(`/financements/conventions/${grant.id}/repartition`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({
        'years[0][year]': '2023',
        'years[0][amount]': '60 000',
        'years[1][year]': '2024',
        'years[1][amount]': '40 000',
      })
    ok.assertStatus(302)
    assert.equal(await flashError(ok), '')
    const before = await tableCounts(GRANT_TABLES)
    const response = await client
      .post(`/financements/conventions/${grant.id}/repartition`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({
        'years[0][year]': '2023',
        'years[0][amount]': '60 000',
        'years[1][year]': '2024',
        'years[1][amount]': '40 000,01',
      })
    assert.match(
      await flashError(response),
      /répartition par exercice .* dépasse le montant accordé/
    )
    assert.deepEqual(await tableCounts(GRANT_TABLES), before)
    const years = await db.from('grant_years').where('grant_id', grant.id).orderBy('year')
    assert.deepEqual(
      years.map((y) => y.amount),
      ['60000.00', '40000.00']
    )
  })

  test('the database refuses a split above the awarded amount even through raw SQL', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const grant = await makeGrant(organisation)
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          trx.table('grant_years').insert({
            organisation_id: organisation.id,
            grant_id: grant.id,
            year: 2023,
            amount: '100000.01',
          })
        ),
      /dépasse le montant accordé/
    )
  })

  test('receipts and schedule cannot exceed the awarded amount', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation)
    const first = await client
      .post(`/financements/conventions/${grant.id}/versements`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ receivedOn: '2023-03-15', amount: '80 000' })
    assert.equal(await flashError(first), '')
    const before = await tableCounts(GRANT_TABLES)
    const over = await client
      .post(`/financements/conventions/${grant.id}/versements`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ receivedOn: '2023-06-15', amount: '20 000,01' })
    assert.match(
      await flashError(over),
      /versements reçus atteindraient .* au-delà du montant accordé/
    )
    const schedule = await client
      .post(`/financements/conventions/${grant.id}/echeancier`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ kind: 'advance', expectedOn: '2023-02-01', amount: '100 001' })
    assert.match(await flashError(schedule), /échéancier atteindrait .* au-delà du montant accordé/)
    const bad = await client
      .post(`/financements/conventions/${grant.id}/versements`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ receivedOn: '2023-06-15', amount: 'douze' })
    // A malformed amount is refused by the shared frenchAmount() rule, on its field.
    assertFieldError(assert, bad, 'amount')
    const bag = bad.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.match(String(bag.amount), /montant invalide/)
    assert.deepEqual(await tableCounts(GRANT_TABLES), before)
  })

  test('no payment is recorded on a closed convention', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation)
    // A signed convention closes once its report is sent.
    const report = await client
      .post(`/financements/conventions/${grant.id}/etapes`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ kind: 'report_sent', occurredOn: '2024-12-15' })
    assert.equal(await flashError(report), '')
    const closed = await client
      .post(`/financements/conventions/${grant.id}/etapes`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ kind: 'closed', occurredOn: '2024-12-31', note: 'Solde reçu' })
    assert.equal(await flashError(closed), '')
    assert.equal((await db.from('grants').where('id', grant.id).first()).status, 'closed')
    const before = await tableCounts(GRANT_TABLES)
    const response = await client
      .post(`/financements/conventions/${grant.id}/versements`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ receivedOn: '2025-01-15', amount: '1 000' })
    assert.match(await flashError(response), /clôturée : aucun versement/)
    assert.deepEqual(await tableCounts(GRANT_TABLES), before)
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          trx.table('grant_receipts').insert({
            organisation_id: organisation.id,
            grant_id: grant.id,
            received_on: '2025-01-15',
            amount: '1',
          })
        ),
      /Convention clôturée/
    )
  })

  test('an amendment changes the amount with a trace and never below what is already received', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation)
    await client
      .post(`/financements/conventions/${grant.id}/versements`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ receivedOn: '2023-03-15', amount: '50 000' })
    const low = await client
      .post(`/financements/conventions/${grant.id}/avenants`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ newAmount: '49 999', signedOn: '2023-09-01', reason: 'Réduction' })
    assert.match(await flashError(low), /inférieur à ce qui est déjà/)
    const ok = await client
      .post(`/financements/conventions/${grant.id}/avenants`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({
        newAmount: '90 000',
        signedOn: '2023-09-01',
        reason: 'Moins de jeunes accueillis',
        reference: 'AV-1',
      })
    assert.equal(await flashError(ok), '')
    const row = await db.from('grants').where('id', grant.id).first()
    assert.equal(row.amount_awarded, '90000.00')
    assert.equal(row.status, 'reduced')
    const amendment = await db.from('grant_amendments').where('grant_id', grant.id).first()
    assert.equal(amendment.previous_amount, '100000.00')
    assert.equal(amendment.new_amount, '90000.00')
  })

  test('a convention with ledger lines cannot be deleted; one without can', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const used = await makeGrant(organisation, 'USED')
    const free = await makeGrant(organisation, 'FREE')
    const ledger = await makeLedger(organisation, ['441', '7413'])
    await postEntry(organisation, ledger, '2023-02-01', [
      { account: '441', debit: '1000' },
      { account: '7413', credit: '1000', grantId: used.id },
    ])
    const before = await tableCounts(GRANT_TABLES)
    const refused = await client
      .delete(`/financements/conventions/${used.id}`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.match(await flashError(refused), /ne peut pas être supprimée : 1 ligne\(s\) d'écriture/)
    assert.deepEqual(await tableCounts(GRANT_TABLES), before)
    await assert.rejects(
      () => db.transaction((trx) => trx.from('grants').where('id', used.id).delete()),
      /entry_lines_grant_fk|violates foreign key/
    )
    const deleted = await client
      .delete(`/financements/conventions/${free.id}`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.equal(await flashError(deleted), '')
    assert.isNull(await db.from('grants').where('id', free.id).first())
  })

  test('board, hr and quality get 403 on writes; board reads')
    .with(['board', 'hr', 'quality'] as Role[])
    .run(async ({ client, assert }, role) => {
      const organisation = await makeOrganisation()
      const user = await makeUser(organisation, [role])
      const grant = await makeGrant(organisation)
      const before = await tableCounts(GRANT_TABLES)
      const writes = [
        client.post('/financements/conventions').form({
          funderId: grant.funderId,
          reference: 'Z',
          title: 'Zz',
          periodStart: '2023-01-01',
          periodEnd: '2023-12-31',
          amountAwarded: '1',
        }),
        client
          .post(`/financements/conventions/${grant.id}/versements`)
          .form({ receivedOn: '2023-01-01', amount: '1' }),
        client.post('/financements/financeurs').form({ name: 'Zz', category: 'prive' }),
        client.delete(`/financements/conventions/${grant.id}`),
        client.post('/financements/fin-exercice/propositions').form({ annee: '2023' }),
      ]
      for (const request of writes) {
        const response = await request.actingAs(user).withCsrfToken().redirects(0)
        response.assertStatus(403)
      }
      assert.deepEqual(await tableCounts(GRANT_TABLES), before)
      const read = await client.get(`/financements/conventions/${grant.id}`).actingAs(user)
      read.assertStatus(role === 'board' ? 200 : 403)
    })

  test('one organisation never sees another one’s conventions', async ({ client, assert }) => {
    const mine = await makeOrganisation('A')
    const theirs = await makeOrganisation('B')
    const user = await makeUser(mine, ['finance'])
    await makeGrant(mine, 'MINE-1')
    const other = await makeGrant(theirs, 'THEIRS-1')
    const list = await client.get('/financements/conventions').actingAs(user)
    list.assertStatus(200)
    assert.include(list.text(), 'MINE-1')
    assert.notInclude(list.text(), 'THEIRS-1')
    const show = await client.get(`/financements/conventions/${other.id}`).actingAs(user)
    show.assertStatus(404)
    const dashboard = await client.get('/financements').actingAs(user)
    dashboard.assertStatus(200)
    assert.notInclude(dashboard.text(), 'THEIRS-1')
    const payments = await client.get('/financements/versements').actingAs(user)
    assert.notInclude(payments.text(), 'THEIRS-1')
    const receipt = await client
      .post(`/financements/conventions/${other.id}/versements`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ receivedOn: '2023-01-01', amount: '1' })
    assert.equal(receipt.status(), 404, receipt.text().slice(0, 3000))
    for (const path of [
      '/financements/conventions.xlsx',
      '/financements/financeurs.xlsx',
      '/financements/versements.xlsx',
      '/financements/tableau-de-bord.xlsx',
      '/financements/fin-exercice.xlsx?annee=2023',
      '/financements/financeurs',
      '/financements/fin-exercice?annee=2023',
    ]) {
      const response = await client.get(path).actingAs(user)
      response.assertStatus(200)
    }
  })
})

test.group('Grants: pages', (group) => {
  isolated(group)

  test('every grants page renders for finance with data', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'PAGE-1')
    await client
      .post(`/financements/conventions/${grant.id}/echeancier`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ kind: 'advance', expectedOn: '2030-01-15', amount: '30 000', label: 'Avance' })
    await client
      .post(`/financements/conventions/${grant.id}/versements`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ receivedOn: '2023-03-15', amount: '30 000' })
    await client
      .post(`/financements/conventions/${grant.id}/objectifs`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ indicatorCode: 'JEUNES', label: 'Jeunes accompagnés', year: '2023', target: '500' })
    await client
      .post(`/financements/conventions/${grant.id}/echeances`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ kind: 'final_report', label: 'Bilan final', dueOn: '2030-03-31' })
    for (const path of [
      '/financements',
      '/financements/financeurs',
      '/financements/financeurs/nouveau',
      `/financements/financeurs/${grant.funderId}/modifier`,
      '/financements/conventions',
      '/financements/conventions/nouvelle',
      `/financements/conventions/${grant.id}`,
      `/financements/conventions/${grant.id}/modifier`,
      '/financements/versements?date=2023-12-31',
      '/financements/fin-exercice?annee=2023',
    ]) {
      const response = await client.get(path).actingAs(user)
      assert.equal(response.status(), 200, `${path}: ${response.text().slice(0, 500)}`)
    }
    const show = await client.get(`/financements/conventions/${grant.id}`).actingAs(user)
    assert.include(show.text(), 'Jeunes accompagnés')
    assert.include(show.text(), 'Bilan final')
    const payments = await client.get('/financements/versements?date=2023-12-31').actingAs(user)
    assert.include(payments.text(), 'PAGE-1')
    const workbook = await client
      .get(`/financements/conventions/${grant.id}/export.xlsx`)
      .actingAs(user)
    workbook.assertStatus(200)
    assert.include(String(workbook.header('content-type')), 'spreadsheetml')
    await client
      .post(`/financements/conventions/${grant.id}/etapes`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ kind: 'report_sent', occurredOn: '2030-03-15' })
    const deadline = await db.from('grant_deadlines').where('grant_id', grant.id).first()
    assert.equal(deadline.done_on, '2030-03-15')
    assert.equal((await db.from('grants').where('id', grant.id).first()).status, 'report_sent')
  })
})

test.group('Grants: documents', (group) => {
  isolated(group)

  test('the signed convention is stored under a generated name and served as a download', async ({
    client,
    assert,
  }) => {
    const { writeFile, rm, access } = await import('node:fs/promises')
    const app = (await import('@adonisjs/core/services/app')).default
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const board = await makeUser(organisation, ['board'])
    const grant = await makeGrant(organisation, 'DOC-1')
    const source = app.makePath('tmp', 'convention-signée.pdf')
    const { mkdir } = await import('node:fs/promises')
    await mkdir(app.makePath('tmp'), { recursive: true })
    await writeFile(source, '%PDF-1.4 convention signée')
    const upload = await client
      .post(`/financements/conventions/${grant.id}/documents`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .file('fichier', source)
    assert.equal(upload.status(), 302, upload.text().slice(0, 2000))
    const doc = await db.from('grant_documents').where('grant_id', grant.id).firstOrFail()
    assert.equal(doc.original_name, 'convention-signée.pdf')
    assert.match(doc.stored_name, /^[0-9a-f-]{36}\.pdf$/)
    await access(app.makePath('storage/grants', doc.stored_name))
    const download = await client
      .get(`/financements/conventions/${grant.id}/documents/${doc.id}`)
      .actingAs(board)
    download.assertStatus(200)
    assert.include(String(download.header('content-disposition')), 'attachment')
    const refused = await client
      .post(`/financements/conventions/${grant.id}/documents`)
      .actingAs(board)
      .withCsrfToken()
      .redirects(0)
      .file('fichier', source)
    refused.assertStatus(403)
    await rm(app.makePath('storage/grants', doc.stored_name))
    await rm(source)
  })
})
