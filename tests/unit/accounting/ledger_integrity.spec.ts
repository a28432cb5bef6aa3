import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/core/organisation'
import { makeOrganisation } from '#tests/helpers'
import {
  asOrg,
  purgeLedger,
  runRaw,
  setupLedger,
  simpleLines,
  validatedEntry,
} from '#tests/fixtures/accounting'
import { createDraft } from '#actions/accounting/drafts'
import { validateEntry } from '#actions/accounting/ledger'

/**
 * These tests commit for real (the rules are checked at commit time, and "another transaction"
 * matters): each uses its own organisation, purged afterwards.
 */
async function refused(assert: any, sql: string, bindings: unknown[], pattern: RegExp) {
  // Statements separated by ";" run in one transaction on a plain connection, then COMMIT.
  let index = 0
  const statements = sql
    .split(';')
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text): [string, unknown[]] => {
      const count = (text.match(/\?/g) ?? []).length
      const values = bindings.slice(index, index + count)
      index += count
      let n = 0
      return [text.replace(/\?/g, () => `$${++n}`), values]
    })
  const error = await runRaw(statements)
  if (!error) return assert.fail(`the database accepted: ${sql}`)
  assert.match(error.message, pattern)
}

test.group('Ledger integrity enforced by PostgreSQL', (group) => {
  let organisation: Organisation
  let ledger: Awaited<ReturnType<typeof setupLedger>>

  group.each.setup(async () => {
    organisation = await makeOrganisation('Intégrité')
    ledger = await setupLedger(organisation, [2023, 2024])
    return () => purgeLedger(organisation.id)
  })

  test('a validated entry cannot be updated or deleted', async ({ assert }) => {
    const entry = await validatedEntry(organisation, ledger.journal.AC)
    await refused(
      assert,
      `UPDATE entries SET label = 'falsifié' WHERE id = ?`,
      [entry.id],
      /validée/
    )
    await refused(assert, `UPDATE entries SET status = 'draft' WHERE id = ?`, [entry.id], /validée/)
    await refused(assert, `DELETE FROM entries WHERE id = ?`, [entry.id], /validée/)
    const row = await db.from('entries').where('id', entry.id).first()
    assert.equal(row.label, 'Achat fournitures')
    assert.equal(row.status, 'validated')
  })

  test('lines of a validated entry cannot be updated, deleted or added to', async ({ assert }) => {
    const entry = await validatedEntry(organisation, ledger.journal.AC)
    await refused(
      assert,
      `UPDATE entry_lines SET debit = 1 WHERE entry_id = ? AND debit > 0`,
      [entry.id],
      /validée/
    )
    await refused(
      assert,
      `UPDATE entry_lines SET account_number = '6061' WHERE entry_id = ?`,
      [entry.id],
      /validée/
    )
    await refused(assert, `DELETE FROM entry_lines WHERE entry_id = ?`, [entry.id], /validée/)
    const account = await db
      .from('accounts')
      .where({ organisation_id: organisation.id, number: '512' })
      .first()
    await refused(
      assert,
      `INSERT INTO entry_lines (entry_id, organisation_id, line_no, account_id, account_number, entry_date, debit, credit)
       VALUES (?, ?, 3, ?, '512', '2024-03-15', 0, 0)`,
      [entry.id, organisation.id, account.id],
      /validée/
    )
    const [{ count }] = await db.from('entry_lines').where('entry_id', entry.id).count('* as count')
    assert.equal(Number(count), 2)
  })

  test('validation through SQL requires balance and two lines', async ({ assert }) => {
    const draft = await asOrg(organisation, () =>
      createDraft({
        journalId: ledger.journal.OD,
        entryDate: '2024-02-01',
        label: 'Déséquilibrée',
        lines: [
          { accountNumber: '6064', debit: '100.00' },
          { accountNumber: '401', credit: '99.99' },
        ],
      })
    )
    await refused(
      assert,
      `UPDATE entries SET status = 'validated', number = '1', validated_at = now(), hash = 'x', chain_position = 999 WHERE id = ?`,
      [draft.id],
      /déséquilibrée/
    )
    const single = await asOrg(organisation, () =>
      createDraft({
        journalId: ledger.journal.OD,
        entryDate: '2024-02-01',
        label: 'Une ligne',
        lines: [{ accountNumber: '6064', debit: '0' }],
      })
    )
    await refused(
      assert,
      `UPDATE entries SET status = 'validated', number = '2', validated_at = now(), hash = 'x', chain_position = 998 WHERE id = ?`,
      [single.id],
      /incomplète/
    )
    // The domain refuses too, with the same rule.
    await assert.rejects(() => asOrg(organisation, () => validateEntry(draft.id)), /déséquilibrée/)
  })

  test('an entry inserted as validated must balance by commit time', async ({ assert }) => {
    const account = await db
      .from('accounts')
      .where({ organisation_id: organisation.id, number: '6064' })
      .first()
    const insertEntry = `INSERT INTO entries (organisation_id, journal_id, fiscal_year_id, entry_date, number, label, status,
        validated_at, hash, chain_position) VALUES (?, ?, ?, '2024-05-02', ?, 'brute', 'validated', now(), 'x', ?)`
    const base = [organisation.id, ledger.journal.OD, ledger.fiscalYears[2024]]
    await refused(assert, insertEntry, [...base, 'X1', 900], /déséquilibrée ou incomplète/)
    await refused(
      assert,
      `${insertEntry};
       INSERT INTO entry_lines (entry_id, organisation_id, line_no, account_id, account_number, entry_date, debit, credit)
       SELECT currval('entries_id_seq'), ?, 1, ?, '6064', '2024-05-02', 10, 0`,
      [...base, 'X2', 901, organisation.id, account.id],
      /déséquilibrée ou incomplète/
    )
    // validated_at must be the validating transaction's own timestamp
    await refused(
      assert,
      `INSERT INTO entries (organisation_id, journal_id, fiscal_year_id, entry_date, number, label, status,
        validated_at, hash, chain_position) VALUES (?, ?, ?, '2024-05-02', 'X3', 'brute', 'validated', now() - interval '1 day', 'x', 902)`,
      [...base],
      /horodatée/
    )
    const [{ count }] = await db
      .from('entries')
      .where('organisation_id', organisation.id)
      .count('* as count')
    assert.equal(Number(count), 0)
  })

  test('nothing is written into a closed fiscal year', async ({ assert }) => {
    const draft = await asOrg(organisation, () =>
      createDraft({
        journalId: ledger.journal.OD,
        entryDate: '2023-06-30',
        label: 'Brouillon 2023',
        lines: simpleLines(),
      })
    )
    await db.from('fiscal_years').where('id', ledger.fiscalYears[2023]).update({ status: 'closed' })
    await refused(assert, `UPDATE entries SET label = 'x' WHERE id = ?`, [draft.id], /clôturé/)
    await refused(assert, `DELETE FROM entries WHERE id = ?`, [draft.id], /clôturé/)
    await refused(
      assert,
      `UPDATE entry_lines SET debit = 5 WHERE entry_id = ? AND debit > 0`,
      [draft.id],
      /clôturé/
    )
    await refused(assert, `DELETE FROM entry_lines WHERE entry_id = ?`, [draft.id], /clôturé/)
    await refused(
      assert,
      `INSERT INTO entries (organisation_id, journal_id, fiscal_year_id, entry_date, label) VALUES (?, ?, ?, '2023-07-01', 'x')`,
      [organisation.id, ledger.journal.OD, ledger.fiscalYears[2023]],
      /clôturé/
    )
    await assert.rejects(
      () =>
        asOrg(organisation, () =>
          createDraft({
            journalId: ledger.journal.OD,
            entryDate: '2023-07-01',
            label: 'x',
            lines: simpleLines(),
          })
        ),
      /clôturé/
    )
    await assert.rejects(() => asOrg(organisation, () => validateEntry(draft.id)), /clôturé/)
    // Closed year: its dates cannot change, nor can it be deleted.
    await refused(
      assert,
      `UPDATE fiscal_years SET end_date = '2023-11-30' WHERE id = ?`,
      [ledger.fiscalYears[2023]],
      /clôturé/
    )
    await refused(
      assert,
      `DELETE FROM fiscal_years WHERE id = ?`,
      [ledger.fiscalYears[2023]],
      /clôturé/
    )
  })

  test('an entry date must lie inside its fiscal year', async ({ assert }) => {
    await refused(
      assert,
      `INSERT INTO entries (organisation_id, journal_id, fiscal_year_id, entry_date, label) VALUES (?, ?, ?, '2025-01-01', 'x')`,
      [organisation.id, ledger.journal.OD, ledger.fiscalYears[2024]],
      /hors de l'exercice/
    )
    const draft = await asOrg(organisation, () =>
      createDraft({
        journalId: ledger.journal.OD,
        entryDate: '2024-06-30',
        label: 'x',
        lines: simpleLines(),
      })
    )
    await refused(
      assert,
      `UPDATE entries SET entry_date = '2023-12-31' WHERE id = ?`,
      [draft.id],
      /hors de l'exercice/
    )
  })

  test('fiscal years of one organisation never overlap', async ({ assert }) => {
    await refused(
      assert,
      `INSERT INTO fiscal_years (organisation_id, label, start_date, end_date) VALUES (?, 'x', '2024-07-01', '2025-06-30')`,
      [organisation.id],
      /chevauchent/
    )
    await refused(
      assert,
      `UPDATE fiscal_years SET start_date = '2023-12-01' WHERE id = ?`,
      [ledger.fiscalYears[2024]],
      /chevauchent/
    )
    const other = await makeOrganisation('Autre')
    await db.table('fiscal_years').insert({
      organisation_id: other.id,
      label: 'x',
      start_date: '2024-07-01',
      end_date: '2025-06-30',
    })
    await db.from('fiscal_years').where('organisation_id', other.id).delete()
  })

  test('amounts are positive and a line is on one side only', async ({ assert }) => {
    const draft = await asOrg(organisation, () =>
      createDraft({
        journalId: ledger.journal.OD,
        entryDate: '2024-06-30',
        label: 'x',
        lines: simpleLines(),
      })
    )
    await refused(
      assert,
      `UPDATE entry_lines SET debit = -1 WHERE entry_id = ? AND debit > 0`,
      [draft.id],
      /debit_positive/
    )
    await refused(
      assert,
      `UPDATE entry_lines SET credit = 5 WHERE entry_id = ? AND debit > 0`,
      [draft.id],
      /one_side/
    )
  })
})
