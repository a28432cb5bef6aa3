import { test } from '@japa/runner'
import { readdir, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import { isolated, makeOrganisation, makeUser, readWorkbook, tableCounts } from '#tests/helpers'
import { setupLedger } from '#tests/fixtures/accounting'
import { entryRows, fecText, writeFecFile } from '#tests/fixtures/fec'
import { FEC_IMPORT_KIND, runningImports } from '#imports/accounting/fec/index'

const LEDGER = ['entries', 'entry_lines', 'accounts', 'journals', 'journal_sequences']

/** Posts a FEC; the answer is a redirection to the import page, the import runs behind it. */
async function upload(client: ApiClient, user: User, fiscalYearId: number, path: string) {
  const response = await client
    .post('/comptabilite/fec/import')
    .field('fiscalYearId', String(fiscalYearId))
    .file('fichier', path)
    .withCsrfToken()
    .actingAs(user)
    .redirects(0)
  response.assertStatus(302)
  const location = response.header('location') ?? ''
  const match = /^\/comptabilite\/fec\/imports\/(\d+)$/.exec(location)
  if (!match) throw new Error(`unexpected redirection: ${location}`)
  return Number(match[1])
}

/**
 * The import page once the background import has settled. No polling and no clock: the task is
 * registered in `runningImports` before the upload is answered, so it is either there to be
 * awaited or already finished (and then the row is no longer 'running').
 */
async function finalPage(client: ApiClient, user: User, id: number) {
  await runningImports.get(id)
  const record = await db.from('imports').where('id', id).firstOrFail()
  if (record.status === 'running') throw new Error(`import ${id} is running without a task`)
  const page = await client.get(`/comptabilite/fec/imports/${id}`).actingAs(user)
  page.assertStatus(200)
  return page
}

test.group('FEC import in the background', (group) => {
  isolated(group)

  test('an uploaded FEC is imported in the background and its page shows the result', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const ledger = await setupLedger(organisation, [2024])
    const user = await makeUser(organisation, ['finance'])
    const rows = [
      ...entryRows('100', '20240601', '50,00'),
      ...entryRows('101', '20240602', '25,00'),
    ]
    const path = await writeFecFile(fecText(rows))
    const id = await upload(client, user, ledger.fiscalYears[2024], path)
    const record = await db.from('imports').where('id', id).firstOrFail()
    assert.equal(record.organisation_id, organisation.id)
    assert.equal(record.kind, FEC_IMPORT_KIND)
    assert.equal(record.file_name, basename(path))
    assert.isTrue(runningImports.has(id) || record.status !== 'running')

    const page = await finalPage(client, user, id)
    const text = page.text()
    assert.include(text, 'Fichier importé')
    assert.notInclude(text, 'http-equiv="refresh"')
    const done = await db.from('imports').where('id', id).firstOrFail()
    assert.equal(done.status, 'committed')
    assert.equal(done.rows_total, 4)
    assert.equal(done.progress_phase, 'import')
    assert.equal(Number(done.progress_done), (await stat(path)).size)
    assert.equal(Number(done.progress_total), (await stat(path)).size)
    assert.match(done.sha256, /^[0-9a-f]{64}$/)
    const entries = await db.from('entries').where('import_id', id).count('* as n')
    assert.equal(Number(entries[0].n), 2)
    // The upload was kept under a generated name only while the import ran.
    const stored = await readdir(app.makePath('storage/imports/fec')).catch(() => [])
    assert.notInclude(stored, basename(path))
    assert.isFalse(runningImports.has(id))
  })

  test('a refused file ends rejected with its errors and their Excel; the ledger is unchanged', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const ledger = await setupLedger(organisation, [2024])
    const user = await makeUser(organisation, ['finance'])
    const rows = entryRows('101', '20240601', '50,00')
    rows[1].Credit = '40,00'
    const before = await tableCounts(LEDGER)
    const id = await upload(
      client,
      user,
      ledger.fiscalYears[2024],
      await writeFecFile(fecText(rows))
    )
    const page = await finalPage(client, user, id)
    assert.include(page.text(), 'Fichier refusé')
    assert.include(page.text(), 'écriture déséquilibrée')
    assert.deepEqual(await tableCounts(LEDGER), before)
    const record = await db.from('imports').where('id', id).firstOrFail()
    assert.equal(record.status, 'rejected')
    assert.isAtLeast(record.errors.count, 1)
    const xlsx = await client.get(`/comptabilite/fec/imports/${id}/erreurs.xlsx`).actingAs(user)
    xlsx.assertStatus(200)
    const sheet = (await readWorkbook(xlsx)).getWorksheet('Erreurs')!
    assert.match(String(sheet.getRow(2).getCell(4).value), /déséquilibrée/)
  })

  test('a running import shows its phase and progress and refreshes itself; readers only of their organisation', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const reader = await makeUser(organisation, ['board'])
    const other = await makeUser(await makeOrganisation('Autre'), ['finance'])
    const [row] = await db
      .insertQuery()
      .table('imports')
      .insert({
        organisation_id: organisation.id,
        kind: FEC_IMPORT_KIND,
        file_name: 'grand-livre.txt',
        sha256: '',
        size_bytes: 1000,
        status: 'running',
        progress_phase: 'import',
        progress_done: 300,
        progress_total: 1200,
      })
      .returning('id')
    runningImports.set(row.id, new Promise(() => {}))
    try {
      const page = await client.get(`/comptabilite/fec/imports/${row.id}`).actingAs(reader)
      page.assertStatus(200)
      const text = page.text()
      assert.include(text, '<meta http-equiv="refresh" content="2">')
      assert.include(text, 'Import en cours : vérification et écriture des écritures')
      assert.match(text, /<progress[^>]*max="100" value="25"/)
      assert.include(text, '25 %')
      const foreign = await client
        .get(`/comptabilite/fec/imports/${row.id}`)
        .actingAs(other)
        .redirects(0)
      assert.notEqual(foreign.status(), 200)
      assert.notInclude(foreign.text(), 'grand-livre.txt')
    } finally {
      runningImports.delete(row.id)
    }
    // With no task behind it (the server restarted), the import is reported as interrupted.
    const page = await client.get(`/comptabilite/fec/imports/${row.id}`).actingAs(reader)
    assert.include(page.text(), 'interrompu')
    assert.notInclude(page.text(), 'http-equiv="refresh"')
    const record = await db.from('imports').where('id', row.id).firstOrFail()
    assert.equal(record.status, 'rejected')
  })
})
