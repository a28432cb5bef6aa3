import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type Organisation from '#models/core/organisation'
import type User from '#models/core/user'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { asOrg, setupLedger, simpleLines } from '#tests/fixtures/accounting'
import { createDraft } from '#actions/accounting/drafts'
import { validateEntry } from '#actions/accounting/ledger'
import { closeFiscalYear } from '#actions/accounting/year_end'
import { assertFieldError } from '#tests/support/refusals'
import { meetingOf, resolutionOf } from '#tests/fixtures/general_assembly'

/**
 * Write routes of the ledger that had no functional test (issue #11): editing and deleting a
 * draft entry, the budget amounts, the result allocation (decision and posting). Each has a
 * success and refusals that leave the database as it was.
 */

const LEDGER = ['entries', 'entry_lines', 'journal_sequences', 'audit_events']

/** Form fields as a browser sends them: lines[0][accountNumber]=... */
function lineFields(lines: Array<Record<string, string>>) {
  const fields: Record<string, string> = {}
  lines.forEach((line, index) => {
    for (const [key, value] of Object.entries(line)) fields[`lines[${index}][${key}]`] = value
  })
  return fields
}

async function ledgerWorld(years = [2024]) {
  const organisation = await makeOrganisation()
  const ledger = await setupLedger(organisation, years)
  const user = await makeUser(organisation, ['finance'])
  return { organisation, ledger, user }
}

async function draft(organisation: Organisation, journalId: number, label = 'Achat papeterie') {
  return asOrg(organisation, () =>
    createDraft({ journalId, entryDate: '2024-03-15', label, lines: simpleLines('120.00') })
  )
}

async function linesOf(entryId: number) {
  const lines = await db
    .from('entry_lines')
    .where('entry_id', entryId)
    .orderBy('line_no')
    .select('account_number', 'debit', 'credit')
  return lines.map((l: any) => `${l.account_number} ${l.debit} ${l.credit}`)
}

test.group('Write routes | draft entries', (group) => {
  isolated(group)

  test('finance edits a draft through its form: label, date and lines replaced, version bumped', async ({
    client,
    assert,
  }) => {
    const { organisation, ledger, user } = await ledgerWorld()
    const entry = await draft(organisation, ledger.journal.AC)
    const response = await client
      .post(`/comptabilite/ecritures/${entry.id}`)
      .form({
        journalId: ledger.journal.OD,
        entryDate: '2024-05-02',
        label: 'Loyer mai',
        version: 1,
        ...lineFields([
          { accountNumber: '6132', debit: '800,00' },
          { accountNumber: '512', credit: '800,00' },
          { accountNumber: '', debit: '', credit: '' },
        ]),
      })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/comptabilite/ecritures/${entry.id}`)
    response.assertFlashMessage('success', 'Brouillon mis à jour.')
    const after = await db.from('entries').where('id', entry.id).firstOrFail()
    assert.equal(after.label, 'Loyer mai')
    assert.equal(after.journal_id, ledger.journal.OD)
    assert.equal(after.status, 'draft')
    assert.equal(after.version, 2)
    assert.deepEqual(await linesOf(entry.id), ['6132 800.00 0.00', '512 0.00 800.00'])
  })

  test('a stale or validated draft is not edited: 303 with the French message, nothing changes', async ({
    client,
    assert,
  }) => {
    const { organisation, ledger, user } = await ledgerWorld()
    const entry = await draft(organisation, ledger.journal.AC)
    const form = {
      journalId: ledger.journal.AC,
      entryDate: '2024-03-15',
      label: 'Modifié',
      ...lineFields([
        { accountNumber: '6064', debit: '1,00' },
        { accountNumber: '401', credit: '1,00' },
      ]),
    }
    const linesBefore = await linesOf(entry.id)
    const before = await tableCounts(LEDGER)

    const stale = await client
      .post(`/comptabilite/ecritures/${entry.id}`)
      .form({ ...form, version: 7 })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    stale.assertStatus(303)
    stale.assertFlashMessage(
      'error',
      'Cette écriture a été modifiée par quelqu’un d’autre pendant votre saisie : rechargez la page.'
    )

    const invalid = await client
      .post(`/comptabilite/ecritures/${entry.id}`)
      .form({ ...form, label: '', version: 1 })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    assertFieldError(assert, invalid, 'label')

    assert.deepEqual(await tableCounts(LEDGER), before)
    const unchanged = await db.from('entries').where('id', entry.id).firstOrFail()
    assert.equal(unchanged.label, 'Achat papeterie')
    assert.equal(unchanged.version, 1)
    assert.deepEqual(await linesOf(entry.id), linesBefore)

    await asOrg(organisation, () => validateEntry(entry.id))
    const sealedBefore = await tableCounts(LEDGER)
    const sealed = await client
      .post(`/comptabilite/ecritures/${entry.id}`)
      .form({ ...form, version: 1 })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    sealed.assertStatus(303)
    sealed.assertFlashMessage(
      'error',
      'Cette écriture a été validée entre-temps : elle ne peut plus être modifiée.'
    )
    assert.deepEqual(await tableCounts(LEDGER), sealedBefore)
    assert.equal((await db.from('entries').where('id', entry.id).first()).label, 'Achat papeterie')
  })

  test('finance deletes a draft; a validated entry is not deleted', async ({ client, assert }) => {
    const { organisation, ledger, user } = await ledgerWorld()
    const entry = await draft(organisation, ledger.journal.AC)
    const deleted = await client
      .post(`/comptabilite/ecritures/${entry.id}/suppression`)
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    deleted.assertStatus(302)
    deleted.assertHeader('location', '/comptabilite/ecritures')
    deleted.assertFlashMessage('success', 'Brouillon supprimé.')
    assert.isNull(await db.from('entries').where('id', entry.id).first())
    assert.deepEqual(await linesOf(entry.id), [])

    const kept = await draft(organisation, ledger.journal.AC, 'Validée')
    await asOrg(organisation, () => validateEntry(kept.id))
    const before = await tableCounts(LEDGER)
    const refused = await client
      .post(`/comptabilite/ecritures/${kept.id}/suppression`)
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    refused.assertStatus(303)
    refused.assertFlashMessage('error', 'Une écriture validée ne peut pas être supprimée.')
    assert.deepEqual(await tableCounts(LEDGER), before)
    assert.equal((await db.from('entries').where('id', kept.id).first()).status, 'validated')
  })

  test('board cannot edit or delete a draft', async ({ client, assert }) => {
    const { organisation, ledger } = await ledgerWorld()
    const board = await makeUser(organisation, ['board'])
    const entry = await draft(organisation, ledger.journal.AC)
    const before = await tableCounts(LEDGER)
    for (const url of [
      `/comptabilite/ecritures/${entry.id}`,
      `/comptabilite/ecritures/${entry.id}/suppression`,
    ]) {
      const response = await client
        .post(url)
        .form({ label: 'x', version: 1 })
        .withCsrfToken()
        .actingAs(board)
        .redirects(0)
      response.assertStatus(403)
    }
    assert.deepEqual(await tableCounts(LEDGER), before)
  })
})

/** Creates a budget through its form; returns its row and the line codes its page offers. */
async function budgetWithLines(client: ApiClient, user: User, fiscalYearId: number) {
  const created = await client
    .post('/comptabilite/budgets')
    .form({
      fiscalYearId,
      layoutCode: 'rapport-annuel',
      versionKind: 'initial',
      label: 'Budget primitif 2024',
    })
    .withCsrfToken()
    .actingAs(user)
    .redirects(0)
  created.assertStatus(302)
  const budget = await db
    .from('budgets')
    .where({ organisation_id: user.organisationId, fiscal_year_id: fiscalYearId })
    .firstOrFail()
  const page = await client.get(`/comptabilite/budgets/${budget.id}`).actingAs(user)
  page.assertStatus(200)
  const codes = [...page.text().matchAll(/name="montants\[([^\]]+)\]"/g)].map((m) => m[1])
  return { budget, codes }
}

async function budgetLines(budgetId: number) {
  const rows = await db
    .from('budget_lines as b')
    .join('statement_lines as s', 's.id', 'b.statement_line_id')
    .where('b.budget_id', budgetId)
    .orderBy('s.code')
    .select('s.code', 'b.amount')
  return rows.map((r: any) => `${r.code} ${r.amount}`)
}

test.group('Write routes | budget amounts', (group) => {
  isolated(group)

  test('finance types budget amounts in French; they are stored and the version moves on', async ({
    client,
    assert,
  }) => {
    const { ledger, user } = await ledgerWorld()
    const { budget, codes } = await budgetWithLines(client, user, ledger.fiscalYears[2024])
    assert.isAtLeast(codes.length, 2, 'the budget page offers no line to fill')
    const [first, second] = codes
    const response = await client
      .post(`/comptabilite/budgets/${budget.id}/montants`)
      .form({
        version: budget.version,
        [`montants[${first}]`]: '1 234,50',
        [`montants[${second}]`]: '-80',
      })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/comptabilite/budgets/${budget.id}`)
    response.assertFlashMessage('success', 'Montants enregistrés.')
    assert.sameMembers(await budgetLines(budget.id), [`${first} 1234.50`, `${second} -80.00`])
    const after = await db.from('budgets').where('id', budget.id).firstOrFail()
    assert.equal(after.version, budget.version + 1)
    const audit = await db
      .from('audit_events')
      .where({ subject_type: 'budgets', subject_id: String(budget.id), action: 'update' })
      .first()
    assert.isNotNull(audit)
  })

  test('a stale version, an unknown line, an unreadable amount or an approved budget change nothing', async ({
    client,
    assert,
  }) => {
    const { ledger, user } = await ledgerWorld()
    const { budget, codes } = await budgetWithLines(client, user, ledger.fiscalYears[2024])
    const tables = ['budget_lines', 'budgets', 'audit_events']
    const before = await tableCounts(tables)
    const post = (form: Record<string, unknown>) =>
      client
        .post(`/comptabilite/budgets/${budget.id}/montants`)
        .form(form)
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)

    const stale = await post({ version: budget.version + 5, [`montants[${codes[0]}]`]: '10' })
    stale.assertStatus(303)
    stale.assertFlashMessage(
      'error',
      'Ce budget a été modifié par quelqu’un d’autre entre-temps : rechargez la page.'
    )
    const unknown = await post({ 'version': budget.version, 'montants[ZZ-INCONNUE]': '10' })
    unknown.assertStatus(303)
    unknown.assertFlashMessage('error', 'Ligne inconnue : ZZ-INCONNUE')
    const unreadable = await post({ version: budget.version, [`montants[${codes[0]}]`]: 'douze' })
    unreadable.assertStatus(303)
    assert.match(String(unreadable.flashMessage('error')), /douze/)
    const noVersion = await post({ [`montants[${codes[0]}]`]: '10' })
    assertFieldError(assert, noVersion, 'version')
    assert.deepEqual(await tableCounts(tables), before)
    assert.deepEqual(await budgetLines(budget.id), [])

    const filled = await post({ version: budget.version, [`montants[${codes[0]}]`]: '10' })
    filled.assertStatus(302)
    const approved = await client
      .post(`/comptabilite/budgets/${budget.id}/approbation`)
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    approved.assertStatus(302)
    const afterApproval = await tableCounts(tables)
    const current = await db.from('budgets').where('id', budget.id).firstOrFail()
    const locked = await post({ version: current.version, [`montants[${codes[0]}]`]: '10' })
    locked.assertStatus(303)
    locked.assertFlashMessage(
      'error',
      'Un budget approuvé ne se modifie plus : créez une version révisée.'
    )
    assert.deepEqual(await tableCounts(tables), afterApproval)
    assert.deepEqual(await budgetLines(budget.id), [`${codes[0]} 10.00`])
  })
})

/** 2023 closed with a surplus of 1 000,00 (one sale), 2024 open. */
async function closedYear() {
  const { organisation, ledger, user } = await ledgerWorld([2023, 2024])
  await asOrg(organisation, async () => {
    const sale = await createDraft({
      journalId: ledger.journal.OD,
      entryDate: '2023-06-30',
      label: 'Prestation',
      lines: simpleLines('1000.00', '512', '706'),
    })
    await validateEntry(sale.id)
  })
  await asOrg(organisation, () =>
    db.transaction((trx) => closeFiscalYear(trx, organisation.id, ledger.fiscalYears[2023], null))
  )
  // The general assembly's adopted resolution the allocation cites (allocation_gate.spec.ts).
  const resolutionId = await resolutionOf(organisation, await meetingOf(organisation), {
    title: 'Affectation du résultat 2023',
    fiscalYearId: ledger.fiscalYears[2023],
  })
  return { organisation, ledger, user, y2023: ledger.fiscalYears[2023], resolutionId }
}

const ALLOCATION_TABLES = ['result_allocations', 'entries', 'entry_lines', 'audit_events']

test.group('Write routes | result allocation', (group) => {
  isolated(group)

  test('finance records the general assembly decision, then posts the allocation entry', async ({
    client,
    assert,
  }) => {
    const { organisation, user, y2023, ledger, resolutionId } = await closedYear()
    const saved = await client
      .post(`/comptabilite/exercices/${y2023}/affectation`)
      .form({ resolutionId, toReserves: '400,00', reserveAccount: '1068' })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    saved.assertStatus(302)
    saved.assertHeader('location', '/comptabilite/exercices')
    saved.assertFlashMessage(
      'success',
      'Décision d’affectation enregistrée : AG du 20 juin 2024 — Affectation du résultat 2023.'
    )
    const allocation = await db
      .from('result_allocations')
      .where({ organisation_id: organisation.id, fiscal_year_id: y2023 })
      .firstOrFail()
    assert.equal(allocation.result, '1000.00')
    assert.equal(allocation.to_reserves, '400.00')
    assert.equal(allocation.to_report, '600.00')
    assert.isNull(allocation.entry_id)

    const posted = await client
      .post(`/comptabilite/exercices/${y2023}/affectation/comptabiliser`)
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    posted.assertStatus(302)
    posted.assertFlashMessage('success', 'Écriture d’affectation du résultat comptabilisée.')
    const after = await db.from('result_allocations').where('id', allocation.id).firstOrFail()
    assert.isNotNull(after.entry_id)
    const entry = await db.from('entries').where('id', after.entry_id).firstOrFail()
    assert.equal(entry.fiscal_year_id, ledger.fiscalYears[2024])
    assert.equal(entry.status, 'validated')
    assert.deepEqual(await linesOf(after.entry_id), [
      '120 1000.00 0.00',
      '110 0.00 600.00',
      '1068 0.00 400.00',
    ])
  })

  test('the decision is refused on an open year, beyond the result, or with a bad account', async ({
    client,
    assert,
  }) => {
    const { user, y2023, ledger, resolutionId } = await closedYear()
    const before = await tableCounts(ALLOCATION_TABLES)
    const post = (yearId: number, form: Record<string, string>) =>
      client
        .post(`/comptabilite/exercices/${yearId}/affectation`)
        .form(form)
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)

    const beyond = await post(y2023, { resolutionId: String(resolutionId), toReserves: '2 000,00' })
    beyond.assertStatus(303)
    beyond.assertFlashMessage(
      'error',
      'La part affectée aux réserves doit être du signe du résultat et ne pas le dépasser.'
    )
    const open = await post(ledger.fiscalYears[2024], { toReserves: '0' })
    open.assertStatus(303)
    open.assertFlashMessage('error', 'L’affectation porte sur un exercice clôturé.')
    const account = await post(y2023, { toReserves: '10', reserveAccount: '512' })
    assertFieldError(assert, account, 'reserveAccount')
    assert.deepEqual(await tableCounts(ALLOCATION_TABLES), before)
  })

  test('posting is refused before the decision and a second time; nothing is written', async ({
    client,
    assert,
  }) => {
    const { organisation, user, y2023, resolutionId } = await closedYear()
    const post = () =>
      client
        .post(`/comptabilite/exercices/${y2023}/affectation/comptabiliser`)
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)

    const before = await tableCounts(ALLOCATION_TABLES)
    const none = await post()
    none.assertStatus(303)
    none.assertFlashMessage(
      'error',
      'L’affectation ne peut être comptabilisée qu’après la décision de l’assemblée générale : choisissez d’abord sa résolution adoptée qui affecte le résultat.'
    )
    assert.deepEqual(await tableCounts(ALLOCATION_TABLES), before)

    const decision = await client
      .post(`/comptabilite/exercices/${y2023}/affectation`)
      .form({ resolutionId, toReserves: '0' })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    decision.assertStatus(302)
    ;(await post()).assertStatus(302)
    const posted = await tableCounts(ALLOCATION_TABLES)
    const twice = await post()
    twice.assertStatus(303)
    twice.assertFlashMessage('error', 'L’affectation est déjà comptabilisée.')
    assert.deepEqual(await tableCounts(ALLOCATION_TABLES), posted)

    const changed = await client
      .post(`/comptabilite/exercices/${y2023}/affectation`)
      .form({ resolutionId, toReserves: '100' })
      .withCsrfToken()
      .actingAs(user)
      .redirects(0)
    changed.assertStatus(303)
    changed.assertFlashMessage('error', 'L’affectation est déjà comptabilisée.')
    const allocation = await db
      .from('result_allocations')
      .where({ organisation_id: organisation.id, fiscal_year_id: y2023 })
      .firstOrFail()
    assert.equal(allocation.to_reserves, '0.00')
  })
})
