import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { asOrg, setupLedger, simpleLines } from '#tests/fixtures/accounting'
import { entryRows, fecText, writeFecFile } from '#tests/fixtures/fec'
import { createDraft } from '#actions/accounting/drafts'
import { validateEntry } from '#actions/accounting/ledger'
import { runningImports } from '#imports/accounting/fec/index'

const LEDGER = ['entries', 'entry_lines', 'accounts', 'journals', 'fiscal_years']
/** Form fields as a browser sends them: lines[0][accountNumber]=... */
function lineFields(lines: Array<Record<string, string>>) {
  const fields: Record<string, string> = {}
  lines.forEach((line, index) => {
    for (const [key, value] of Object.entries(line)) fields[`lines[${index}][${key}]`] = value
  })
  return fields
}

const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ')

async function world() {
  const organisation = await makeOrganisation()
  const ledger = await setupLedger(organisation, [2024])
  const entry = await asOrg(organisation, async () => {
    const draft = await createDraft({
      journalId: ledger.journal.AC,
      entryDate: '2024-03-15',
      label: 'Achat papeterie',
      lines: simpleLines('1234.56'),
    })
    await validateEntry(draft.id)
    return draft
  })
  return { organisation, ledger, entry }
}

test.group('Ledger screens', (group) => {
  isolated(group)

  test('finance reads every ledger screen and its Excel export', async ({ client, assert }) => {
    const { organisation, entry } = await world()
    const user = await makeUser(organisation, ['finance'])
    for (const url of [
      '/comptabilite',
      '/comptabilite/ecritures',
      `/comptabilite/ecritures/${entry.id}`,
      '/comptabilite/plan-comptable',
      '/comptabilite/balance',
      '/comptabilite/grand-livre?compte=401',
      '/comptabilite/fec/import',
      '/comptabilite/ecritures/nouvelle',
    ]) {
      const response = await client.get(url).actingAs(user)
      response.assertStatus(200)
    }
    const balance = await client.get('/comptabilite/balance').actingAs(user)
    assert.include(plain(balance.text()), '1 234,56')
    const ledger = await client.get('/comptabilite/grand-livre?compte=401').actingAs(user)
    assert.include(plain(ledger.text()), '-1 234,56')
    for (const url of [
      '/comptabilite/ecritures.xlsx',
      '/comptabilite/balance.xlsx',
      '/comptabilite/grand-livre.xlsx',
      '/comptabilite/plan-comptable.xlsx',
      '/comptabilite/exercices.xlsx',
      `/comptabilite/ecritures/${entry.id}/export.xlsx`,
    ]) {
      const response = await client.get(url).actingAs(user)
      response.assertStatus(200)
      assert.include(response.header('content-type'), 'spreadsheetml')
    }
    const fiscalYear = await db
      .from('fiscal_years')
      .where('organisation_id', organisation.id)
      .first()
    const fec = await client.get(`/comptabilite/exercices/${fiscalYear.id}/fec`).actingAs(user)
    fec.assertStatus(200)
    assert.match(fec.header('content-disposition') ?? '', /000000000FEC20241231\.txt/)
    assert.include(fec.text(), 'JournalCode\tJournalLib')
    assert.include(fec.text(), '1234,56')
  })

  test('finance writes a draft, validates it and reverses it through the forms', async ({
    client,
    assert,
  }) => {
    const { organisation, ledger } = await world()
    const user = await makeUser(organisation, ['finance'])
    const created = await client
      .post('/comptabilite/ecritures')
      .form({
        journalId: ledger.journal.OD,
        entryDate: '2024-04-01',
        label: 'Loyer avril',
        ...lineFields([
          { accountNumber: '6132', debit: '800,00', programmeId: '', label: 'Loyer' },
          { accountNumber: '512', credit: '800,00' },
          { accountNumber: '', debit: '', credit: '' },
        ]),
      })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    created.assertStatus(302)
    const draft = await db
      .from('entries')
      .where({ organisation_id: organisation.id, label: 'Loyer avril' })
      .firstOrFail()
    assert.equal(draft.status, 'draft')
    const validated = await client
      .post(`/comptabilite/ecritures/${draft.id}/validation`)
      .form({ version: draft.version })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    validated.assertStatus(302)
    const after = await db.from('entries').where('id', draft.id).first()
    assert.equal(after.status, 'validated')
    assert.equal(after.number, '1')
    const reversed = await client
      .post(`/comptabilite/ecritures/${draft.id}/extourne`)
      .form({ date: '2024-04-30' })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    reversed.assertStatus(302)
    const reversal = await db.from('entries').where('reversal_of_id', draft.id).firstOrFail()
    assert.equal(reversal.status, 'validated')
  })

  test('an unbalanced draft cannot be validated: French message, nothing changes', async ({
    client,
    assert,
  }) => {
    const { organisation, ledger } = await world()
    const user = await makeUser(organisation, ['finance'])
    const draft = await asOrg(organisation, () =>
      createDraft({
        journalId: ledger.journal.OD,
        entryDate: '2024-05-01',
        label: 'Bancal',
        lines: [
          { accountNumber: '6132', debit: '10' },
          { accountNumber: '512', credit: '9.99' },
        ],
      })
    )
    const before = await tableCounts([...LEDGER, 'journal_sequences'])
    const response = await client
      .post(`/comptabilite/ecritures/${draft.id}/validation`)
      .form({ version: 1 })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    response.assertStatus(303)
    response.assertFlashMessage(
      'error',
      'Écriture déséquilibrée : débit 10.00 ≠ crédit 9.99 (écart 0.01).'
    )
    assert.deepEqual(await tableCounts([...LEDGER, 'journal_sequences']), before)
    const bad = await client
      .post('/comptabilite/ecritures')
      .form({
        journalId: ledger.journal.OD,
        entryDate: '2030-01-01',
        label: 'x',
        ...lineFields([
          { accountNumber: '512', debit: '1' },
          { accountNumber: '6132', credit: '1' },
        ]),
      })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    bad.assertFlashMessage('error', 'Aucun exercice ne couvre la date 01/01/2030.')
    assert.deepEqual(await tableCounts([...LEDGER, 'journal_sequences']), before)
  })

  test('a FEC uploaded on screen is imported, a bad one shows its errors and an Excel of them', async ({
    client,
    assert,
  }) => {
    const { organisation, ledger } = await world()
    const user = await makeUser(organisation, ['finance'])
    const good = await writeFecFile(fecText(entryRows('100', '20240601', '50,00')))
    const ok = await client
      .post('/comptabilite/fec/import')
      .field('fiscalYearId', String(ledger.fiscalYears[2024]))
      .file('fichier', good)
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    ok.assertStatus(302)
    // The import runs in the background: wait for it, then read its page.
    const okId = Number((ok.header('location') ?? '').split('/').pop())
    await runningImports.get(okId)
    const okPage = await client.get(`/comptabilite/fec/imports/${okId}`).actingAs(user)
    okPage.assertStatus(200)
    assert.include(okPage.text(), 'Fichier importé')
    const rows = entryRows('101', '20240601', '50,00')
    rows[1].Credit = '40,00'
    const before = await tableCounts(LEDGER)
    const bad = await client
      .post('/comptabilite/fec/import')
      .field('fiscalYearId', String(ledger.fiscalYears[2024]))
      .file('fichier', await writeFecFile(fecText(rows)))
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    bad.assertStatus(302)
    const badId = Number((bad.header('location') ?? '').split('/').pop())
    await runningImports.get(badId)
    const badPage = await client.get(`/comptabilite/fec/imports/${badId}`).actingAs(user)
    assert.include(badPage.text(), 'Fichier refusé')
    assert.include(badPage.text(), 'écriture déséquilibrée')
    assert.deepEqual(await tableCounts(LEDGER), before)
    const record = await db
      .from('imports')
      .where({ organisation_id: organisation.id, status: 'rejected' })
      .firstOrFail()
    const xlsx = await client
      .get(`/comptabilite/fec/imports/${record.id}/erreurs.xlsx`)
      .actingAs(user)
    xlsx.assertStatus(200)
    assert.include(xlsx.header('content-type'), 'spreadsheetml')
  })

  test('board reads but cannot write; hr cannot enter the accounting', async ({ client }) => {
    const { organisation, ledger, entry } = await world()
    const board = await makeUser(organisation, ['board'])
    ;(await client.get('/comptabilite/ecritures').actingAs(board)).assertStatus(200)
    ;(await client.get('/comptabilite/balance').actingAs(board)).assertStatus(200)
    const writes: Array<[string, Record<string, unknown>]> = [
      [
        '/comptabilite/ecritures',
        { journalId: ledger.journal.OD, entryDate: '2024-01-02', label: 'x' },
      ],
      [`/comptabilite/ecritures/${entry.id}/extourne`, {}],
      [`/comptabilite/ecritures/${entry.id}/validation`, {}],
      [
        '/comptabilite/exercices',
        { label: '2025', startDate: '2025-01-01', endDate: '2025-12-31' },
      ],
      ['/comptabilite/plan-comptable', { number: '60641', label: 'x' }],
      ['/comptabilite/fec/import', { fiscalYearId: ledger.fiscalYears[2024] }],
    ]
    for (const [url, form] of writes) {
      ;(await client.post(url).form(form).withCsrfToken().actingAs(board)).assertStatus(403)
    }
    ;(await client.get('/comptabilite/fec/import').actingAs(board)).assertStatus(403)
    const hr = await makeUser(organisation, ['hr'])
    for (const url of [
      '/comptabilite',
      '/comptabilite/ecritures',
      `/comptabilite/ecritures/${entry.id}`,
      '/comptabilite/balance',
      '/comptabilite/ecritures.xlsx',
    ]) {
      ;(await client.get(url).actingAs(hr)).assertStatus(403)
    }
  })

  test('one organisation never sees another one’s entries', async ({ client, assert }) => {
    const mine = await world()
    const theirs = await world()
    const user = await makeUser(mine.organisation, ['finance'])
    ;(await client.get(`/comptabilite/ecritures/${theirs.entry.id}`).actingAs(user)).assertStatus(
      404
    )
    const list = await client.get('/comptabilite/ecritures').actingAs(user)
    assert.include(list.text(), `/comptabilite/ecritures/${mine.entry.id}"`)
    assert.notInclude(list.text(), `/comptabilite/ecritures/${theirs.entry.id}"`)
    const year = await db
      .from('fiscal_years')
      .where('organisation_id', theirs.organisation.id)
      .first()
    ;(await client.get(`/comptabilite/exercices/${year.id}/fec`).actingAs(user)).assertStatus(404)
    ;(
      await client
        .post(`/comptabilite/ecritures/${theirs.entry.id}/extourne`)
        .form({})
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)
    ).assertStatus(303)
  })

  test('finance opens a fiscal year and adds a sub-account; overlapping years are refused', async ({
    client,
    assert,
  }) => {
    const { organisation } = await world()
    const user = await makeUser(organisation, ['finance'])
    ;(
      await client
        .post('/comptabilite/exercices')
        .form({ label: '2025', startDate: '2025-01-01', endDate: '2025-12-31' })
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)
    ).assertStatus(302)
    const before = await tableCounts(LEDGER)
    const overlap = await client
      .post('/comptabilite/exercices')
      .form({ label: 'x', startDate: '2025-06-01', endDate: '2026-05-31' })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    overlap.assertFlashMessage(
      'error',
      "Les dates de l'exercice (01/06/2025 – 31/05/2026) chevauchent un autre exercice."
    )
    assert.deepEqual(await tableCounts(LEDGER), before)
    ;(
      await client
        .post('/comptabilite/plan-comptable')
        .form({ number: '74110', label: 'DREETS' })
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)
    ).assertStatus(302)
    const sub = await db
      .from('accounts')
      .where({ organisation_id: organisation.id, number: '74110' })
      .firstOrFail()
    const parent = await db.from('accounts').where('id', sub.parent_id).first()
    assert.equal(parent.number, '741')
  })
})
