import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import { isolated, makeOrganisation, makeUser, tenantOf } from '#tests/helpers'
import { purgeLedger, rawClient, setupLedger, validatedEntry } from '#tests/fixtures/accounting'
import { IncomeStatement } from '#reports/accounting/statements'
import { TrialBalanceReport } from '#reports/accounting/trial_balance'
import { ledgerVersion } from '#reports/accounting/ledger_version'
import EnsureStatementLayouts from '#actions/accounting/ensure_statement_layouts'
import type Organisation from '#models/core/organisation'

/**
 * Statements and the balance générale are kept per ledger version (migration 9950,
 * docs/adr/0012-page-speed.md): a figure read again after the ledger changed is the new one,
 * never the one kept.
 */

const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ')

function lineFields(lines: Array<Record<string, string>>) {
  const fields: Record<string, string> = {}
  lines.forEach((line, index) => {
    for (const [key, value] of Object.entries(line)) fields[`lines[${index}][${key}]`] = value
  })
  return fields
}

/** Keys an entry through the form and validates it, as a finance officer does. */
async function postEntry(client: ApiClient, user: User, journalId: number, amount: string) {
  const created = await client
    .post('/comptabilite/ecritures')
    .form({
      journalId,
      entryDate: '2024-04-10',
      label: 'Fournitures',
      ...lineFields([
        { accountNumber: '6064', debit: amount },
        { accountNumber: '401', credit: amount },
      ]),
    })
    .withCsrfToken()
    .actingAs(user)
    .redirects(0)
  created.assertStatus(302)
  const id = Number(String(created.header('location')).split('/').at(-1))
  const validated = await client
    .post(`/comptabilite/ecritures/${id}/validation`)
    .form({ version: 1 })
    .withCsrfToken()
    .actingAs(user)
    .redirects(0)
  validated.assertStatus(302)
  return id
}

test.group('Statement cache | pages', (group) => {
  isolated(group)

  test('the compte de résultat and the balance show an entry validated after they were read', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const ledger = await setupLedger(organisation, [2024])
    const user = await makeUser(organisation, ['finance'])
    const income = () =>
      client.get('/comptabilite/etats/compte-de-resultat?annee=2024').actingAs(user)
    const balance = () =>
      client.get(`/comptabilite/balance?exercice=${ledger.fiscalYears[2024]}`).actingAs(user)

    await postEntry(client, user, ledger.journal.AC, '123,45')
    const first = await income()
    first.assertStatus(200)
    assert.include(plain(first.text()), '123,45')
    const firstBalance = await balance()
    assert.include(plain(firstBalance.text()), '123,45')
    assert.notInclude(plain(firstBalance.text()), '246,90')

    // Read again without change: the same figures.
    assert.include(plain((await income()).text()), '123,45')

    await postEntry(client, user, ledger.journal.AC, '123,45')
    const second = await income()
    assert.include(plain(second.text()), '246,90')
    assert.include(plain((await balance()).text()), '246,90')

    // A draft is not in the statements, but the next validated entry is.
    await client
      .post('/comptabilite/ecritures')
      .form({
        journalId: ledger.journal.AC,
        entryDate: '2024-04-11',
        label: 'Brouillon',
        ...lineFields([
          { accountNumber: '6064', debit: '1000,00' },
          { accountNumber: '401', credit: '1000,00' },
        ]),
      })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    assert.include(plain((await income()).text()), '246,90')
    await postEntry(client, user, ledger.journal.AC, '0,10')
    assert.include(plain((await income()).text()), '247,00')
    assert.include(plain((await balance()).text()), '247,00')
  })

  test('a refused write changes neither the figures nor the version', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const ledger = await setupLedger(organisation, [2024])
    const user = await makeUser(organisation, ['finance'])
    await postEntry(client, user, ledger.journal.AC, '50,00')
    const before = await ledgerVersion(organisation.id)
    const refused = await client
      .post('/comptabilite/ecritures')
      .form({
        journalId: ledger.journal.AC,
        entryDate: '2024-04-10',
        label: 'Déséquilibrée',
        ...lineFields([
          { accountNumber: '6064', debit: 'abc' },
          { accountNumber: '401', credit: '10,00' },
        ]),
      })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    assert.notEqual(refused.status(), 302)
    assert.equal(await ledgerVersion(organisation.id), before)
    const page = await client
      .get('/comptabilite/etats/compte-de-resultat?annee=2024')
      .actingAs(user)
    assert.include(plain(page.text()), '50,00')
  })
})

/** A committed organisation with a 2024 ledger and its layouts, removed after the test. */
async function committedWorld(name: string, cleanup: (fn: () => Promise<void>) => void) {
  const organisation: Organisation = await makeOrganisation(name)
  const ledger = await setupLedger(organisation, [2024])
  await EnsureStatementLayouts.handle(tenantOf(organisation))
  cleanup(async () => {
    await purgeLedger(organisation.id)
    for (const table of ['ledger_versions', 'statement_lines', 'statement_layouts']) {
      await db.from(table).where('organisation_id', organisation.id).delete()
    }
    await db.from('organisations').where('id', organisation.id).delete()
  })
  return { organisation, ledger }
}

test.group('Statement cache | committed transactions', () => {
  test('a commit by another connection changes the version and the figures read next', async ({
    assert,
    cleanup,
  }) => {
    const { organisation, ledger } = await committedWorld('Cache, transactions validées', cleanup)
    const tenant = tenantOf(organisation)
    const result = async () => (await new IncomeStatement(tenant, { year: 2024 }).build()).result
    const trial = async () =>
      (await new TrialBalanceReport(tenant, { fiscalYearId: ledger.fiscalYears[2024] }).build())
        .totals.movementDebit

    await validatedEntry(organisation, ledger.journal.AC, '2024-03-15')
    const v1 = await ledgerVersion(organisation.id)
    assert.equal((await result()).current.toFixed(2), '-100.00')
    assert.equal((await trial()).toFixed(2), '100.00')
    // A reader's copy may be changed without touching what is kept.
    const mutated = await new IncomeStatement(tenant, { year: 2024 }).build()
    mutated.rows.length = 0
    assert.isAbove((await new IncomeStatement(tenant, { year: 2024 }).build()).rows.length, 0)

    await validatedEntry(organisation, ledger.journal.AC, '2024-03-16')
    const v2 = await ledgerVersion(organisation.id)
    assert.notEqual(v2, v1)
    assert.equal((await result()).current.toFixed(2), '-200.00')
    assert.equal((await trial()).toFixed(2), '200.00')

    // Uncommitted writes of another transaction are not seen, and do not block other writers.
    const pending = await rawClient()
    try {
      await pending.query('BEGIN')
      await pending.query(
        `INSERT INTO journals (organisation_id, code, label) VALUES ($1, 'ZZ', 'Essai')`,
        [organisation.id]
      )
      assert.equal(await ledgerVersion(organisation.id), v2)
      await validatedEntry(organisation, ledger.journal.AC, '2024-03-17')
      const v3 = await ledgerVersion(organisation.id)
      assert.notEqual(v3, v2)
      assert.equal((await result()).current.toFixed(2), '-300.00')
      await pending.query('ROLLBACK')
      assert.equal(await ledgerVersion(organisation.id), v3)
    } finally {
      await pending.end()
    }
  })

  test('many commits are folded into one row, and the version still moves', async ({
    assert,
    cleanup,
  }) => {
    const { organisation, ledger } = await committedWorld('Cache, compactage', cleanup)
    for (let i = 0; i < 70; i++) {
      await db
        .table('journals')
        .insert({ organisation_id: organisation.id, code: `Z${i}`, label: 'Essai' })
    }
    const before = await ledgerVersion(organisation.id)
    const rows = await db
      .from('ledger_versions')
      .where('organisation_id', organisation.id)
      .count('* as n')
    assert.equal(Number(rows[0].n), 1)
    await validatedEntry(organisation, ledger.journal.AC, '2024-03-15')
    assert.notEqual(await ledgerVersion(organisation.id), before)
    const tenant = tenantOf(organisation)
    const report = await new IncomeStatement(tenant, { year: 2024 }).build()
    assert.equal(report.result.current.toFixed(2), '-100.00')
  })
})
