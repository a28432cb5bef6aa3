import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import { inspecting, isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { asOrg, setupLedger, simpleLines } from '#tests/fixtures/accounting'
import { createDraft } from '#actions/accounting/drafts'
import { validateEntry } from '#actions/accounting/ledger'
import { closeFiscalYear } from '#actions/accounting/year_end'
import { assertFieldError, assertRefused } from '#tests/support/refusals'

/**
 * Reopening a closed fiscal year (DELETE /comptabilite/exercices/:id/cloture, admin only) had
 * no tested success: the year opens again, its à-nouveaux are reversed, the closing keeps the
 * reason and the reopening is audited. Refusals change nothing.
 */

const TABLES = ['fiscal_years', 'fiscal_year_closings', 'entries', 'entry_lines', 'audit_events']

/** 2023 closed with one sale of 1 000,00 (so 2024 has its à-nouveaux), 2024 open. */
async function closedYear() {
  const organisation = await makeOrganisation()
  const ledger = await setupLedger(organisation, [2023, 2024])
  await asOrg(organisation, async () => {
    const sale = await createDraft({
      journalId: ledger.journal.OD,
      entryDate: '2023-06-30',
      label: 'Prestation',
      lines: simpleLines('1000.00', '512', '706'),
    })
    await validateEntry(sale.id)
  })
  const closed = await asOrg(organisation, () =>
    db.transaction((trx) => closeFiscalYear(trx, organisation.id, ledger.fiscalYears[2023], null))
  )
  return {
    organisation,
    closed,
    y2023: ledger.fiscalYears[2023],
    y2024: ledger.fiscalYears[2024],
  }
}

function reopen(client: ApiClient, user: User, yearId: number, motif: string) {
  return client
    .post(`/comptabilite/exercices/${yearId}/cloture?_method=DELETE`)
    .form({ motif })
    .withCsrfToken()
    .actingAs(user)
    .redirects(0)
}

test.group('Write routes | reopening a fiscal year', (group) => {
  isolated(group)

  test('an admin reopens a closed year: à-nouveaux reversed, reason kept, audited', async ({
    client,
    assert,
  }) => {
    const { organisation, closed, y2023 } = await closedYear()
    const admin = await makeUser(organisation, ['admin'])
    const before = await tableCounts(TABLES)

    const response = await reopen(client, admin, y2023, 'Correction d’une facture oubliée')
    response.assertStatus(302)
    response.assertHeader('location', '/comptabilite/exercices')
    response.assertFlashMessage(
      'success',
      'Exercice rouvert ; les à-nouveaux ont été annulés par une écriture d’extourne.'
    )

    const year = await inspecting(() => db.from('fiscal_years').where('id', y2023).firstOrFail())
    assert.equal(year.status, 'open')
    assert.isNull(year.closed_at)
    const closing = await inspecting(() =>
      db.from('fiscal_year_closings').where('id', closed.closingId).firstOrFail()
    )
    assert.isNotNull(closing.reopened_at)
    assert.equal(closing.reopened_by, admin.id)
    assert.equal(closing.reopen_reason, 'Correction d’une facture oubliée')
    const reversal = await inspecting(() =>
      db.from('entries').where('reversal_of_id', closed.openingEntryId!).first()
    )
    assert.exists(reversal)
    const audit = await inspecting(() =>
      db.from('audit_events').where({ organisation_id: organisation.id, action: 'reopen' }).first()
    )
    assert.include(audit.summary, 'facture oubliée')
    const after = await tableCounts(TABLES)
    assert.equal(after.fiscal_year_closings, before.fiscal_year_closings)
    assert.equal(after.entries, before.entries + 1)
    assert.isAbove(after.audit_events, before.audit_events)
  })

  test('a short reason, an open year or a finance user reopen nothing', async ({
    client,
    assert,
  }) => {
    const { organisation, y2023, y2024 } = await closedYear()
    const admin = await makeUser(organisation, ['admin'])
    const finance = await makeUser(organisation, ['finance'])
    const before = await tableCounts(TABLES)

    assertFieldError(assert, await reopen(client, admin, y2023, 'Erreur'), 'motif')
    assert.deepEqual(await tableCounts(TABLES), before)

    const open = await reopen(client, admin, y2024, 'Une raison assez longue pour passer')
    open.assertStatus(303)
    assertRefused(assert, open, 'L’exercice 2024 n’est pas clôturé.')
    assert.deepEqual(await tableCounts(TABLES), before)

    const denied = await reopen(client, finance, y2023, 'Une raison assez longue pour passer')
    denied.assertStatus(403)
    assert.deepEqual(await tableCounts(TABLES), before)

    const year = await inspecting(() => db.from('fiscal_years').where('id', y2023).firstOrFail())
    assert.equal(year.status, 'closed')
  })
})
