import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/core/organisation'
import { makeOrganisation } from '#tests/helpers'
import {
  asOrg,
  purgeLedger,
  setupLedger,
  simpleLines,
  validatedEntry,
  rawClient,
} from '#tests/fixtures/accounting'
import { createDraft, reverseEntry } from '#actions/accounting/drafts'
import { validateEntry } from '#actions/accounting/ledger'
import { verifyChain } from '#actions/accounting/verify_chain'
import LedgerVerify from '../../../commands/ledger_verify.js'

/** Real commits on parallel connections: own organisation, purged afterwards. */
test.group('Ledger concurrency and hash chain', (group) => {
  let organisation: Organisation
  let ledger: Awaited<ReturnType<typeof setupLedger>>

  group.each.setup(async () => {
    organisation = await makeOrganisation('Concurrence')
    ledger = await setupLedger(organisation, [2024])
    return () => purgeLedger(organisation.id)
  })

  test('two parallel validations of one entry: one success, one conflict', async ({ assert }) => {
    const draft = await asOrg(organisation, () =>
      createDraft({
        journalId: ledger.journal.AC,
        entryDate: '2024-04-02',
        label: 'Facture',
        lines: simpleLines(),
      })
    )
    const results = await Promise.allSettled([
      asOrg(organisation, () => validateEntry(draft.id)),
      asOrg(organisation, () => validateEntry(draft.id)),
    ])
    const ok = results.filter((r) => r.status === 'fulfilled')
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    assert.lengthOf(ok, 1)
    assert.lengthOf(failed, 1)
    assert.match(failed[0].reason.message, /déjà été validée .* par un autre utilisateur/)
    const row = await db.from('entries').where('id', draft.id).first()
    assert.equal(row.number, '1')
    const sequence = await db
      .from('journal_sequences')
      .where('journal_id', ledger.journal.AC)
      .first()
    assert.equal(sequence.last_number, 1)
  })

  test('two parallel reversals of one entry: one success, one conflict', async ({ assert }) => {
    const entry = await validatedEntry(organisation, ledger.journal.AC)
    const results = await Promise.allSettled([
      asOrg(organisation, () => reverseEntry(entry.id)),
      asOrg(organisation, () => reverseEntry(entry.id)),
    ])
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    assert.lengthOf(failed, 1)
    assert.match(failed[0].reason.message, /déjà été extournée/)
    const reversals = await db.from('entries').where('reversal_of_id', entry.id)
    assert.lengthOf(reversals, 1)
    const lines = await db.from('entry_lines').where('entry_id', reversals[0].id).orderBy('line_no')
    assert.equal(lines[0].credit, '100.00')
    assert.equal(lines[1].debit, '100.00')
    assert.equal(reversals[0].status, 'validated')
    assert.equal(reversals[0].number, '2')
  })

  test('fifty parallel validations in one journal get fifty consecutive numbers', async ({
    assert,
  }) => {
    const drafts = []
    for (let i = 0; i < 50; i++) {
      drafts.push(
        await asOrg(organisation, () =>
          createDraft({
            journalId: ledger.journal.BQ,
            entryDate: '2024-05-10',
            label: `Règlement ${i}`,
            lines: simpleLines('10.00', '401', '512'),
          })
        )
      )
    }
    const results = await Promise.allSettled(
      drafts.map((draft) => asOrg(organisation, () => validateEntry(draft.id)))
    )
    assert.deepEqual(
      results.filter((r) => r.status === 'rejected'),
      []
    )
    const numbers = (
      await db.from('entries').where('journal_id', ledger.journal.BQ).select('sequence_number')
    )
      .map((row) => row.sequence_number)
      .sort((a, b) => a - b)
    assert.deepEqual(
      numbers,
      Array.from({ length: 50 }, (_, i) => i + 1)
    )
    const report = await verifyChain(organisation.id)
    assert.isNull(report.firstBreak)
    assert.equal(report.checked, 50)
  })

  test('ledger:verify names the first entry altered behind the application', async ({ assert }) => {
    const entries = []
    for (const day of ['01', '02', '03', '04']) {
      entries.push(await validatedEntry(organisation, ledger.journal.AC, `2024-06-${day}`))
    }
    assert.isNull((await verifyChain(organisation.id)).firstBreak)

    ace.ui.switchMode('raw')
    let command = await ace.create(LedgerVerify, ['--organisation', String(organisation.id)])
    await command.exec()
    command.assertSucceeded()

    // Someone with superuser access disables the guard and edits an amount of the 3rd entry.
    const client = await rawClient()
    try {
      await client.query('BEGIN')
      await client.query('ALTER TABLE entry_lines DISABLE TRIGGER USER')
      await client.query(`UPDATE entry_lines SET debit = 1000 WHERE entry_id = $1 AND debit > 0`, [
        entries[2].id,
      ])
      await client.query(
        `UPDATE entry_lines SET credit = 1000 WHERE entry_id = $1 AND credit > 0`,
        [entries[2].id]
      )
      await client.query('ALTER TABLE entry_lines ENABLE TRIGGER USER')
      await client.query('COMMIT')
    } finally {
      await client.end()
    }
    const report = await verifyChain(organisation.id)
    assert.equal(report.firstBreak?.entryId, entries[2].id)
    assert.equal(report.checked, 2)
    command = await ace.create(LedgerVerify, ['--organisation', String(organisation.id)])
    await command.exec()
    command.assertFailed()
    command.assertLogMatches(new RegExp(`AC n° ${entries[2].number} du 03/06/2024`))
  })
})
