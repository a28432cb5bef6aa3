import { test } from '@japa/runner'
import { finished } from 'node:stream/promises'
import { from as copyFrom } from 'pg-copy-streams'
import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/core/organisation'
import { makeOrganisation } from '#tests/helpers'
import { asOrg, purgeLedger, rawClient, setupLedger, simpleLines } from '#tests/fixtures/accounting'
import { entryRows, fecText, writeFecFile, type FecRow } from '#tests/fixtures/fec'
import { createDraft } from '#actions/accounting/drafts'
import { importFec } from '#imports/accounting/fec/index'

/**
 * The ledger's keys and rules hold for bulk loads (docs/adr/0011-fec-import-speed.md): rows
 * streamed with COPY on a plain connection, committed for real, are checked once per statement
 * as a row-by-row insert would be. Each test uses its own organisations, purged afterwards.
 */
const ENTRY_COLUMNS =
  'id, organisation_id, journal_id, fiscal_year_id, entry_date, number, label, status, validated_at, chain_position, hash'
const LINE_COLUMNS =
  'entry_id, organisation_id, line_no, account_id, account_number, entry_date, debit, credit'

type Step = { sql: string; rows?: (now: string, ids: number[]) => string }

/** BEGIN, the steps (COPY ... FROM STDIN when `rows` is given), COMMIT; the error, or null. */
async function bulk(steps: Step[]) {
  const client = await rawClient()
  try {
    await client.query('BEGIN')
    const { rows } = await client.query(
      `SELECT transaction_timestamp()::text AS now,
              array(SELECT nextval(pg_get_serial_sequence('entries', 'id'))::int FROM generate_series(1, 2)) AS ids`
    )
    for (const step of steps) {
      if (!step.rows) {
        await client.query(step.sql)
        continue
      }
      const stream = client.query(copyFrom(step.sql))
      stream.end(step.rows(rows[0].now, rows[0].ids))
      await finished(stream)
    }
    await client.query('COMMIT')
    return null
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    return error as Error & { code?: string; constraint?: string }
  } finally {
    await client.end()
  }
}

test.group('Bulk loads of the ledger (COPY)', (group) => {
  let organisation: Organisation
  let other: Organisation
  let ledger: Awaited<ReturnType<typeof setupLedger>>
  let otherLedger: Awaited<ReturnType<typeof setupLedger>>
  let account: { debit: number; credit: number }

  group.each.setup(async () => {
    organisation = await makeOrganisation('Chargement en masse')
    other = await makeOrganisation('Autre organisation')
    ledger = await setupLedger(organisation, [2023, 2024])
    otherLedger = await setupLedger(other, [2024])
    const rows = await db
      .from('accounts')
      .where('organisation_id', organisation.id)
      .whereIn('number', ['6064', '401'])
      .select('id', 'number')
    account = {
      debit: rows.find((row) => row.number === '6064')!.id,
      credit: rows.find((row) => row.number === '401')!.id,
    }
    return async () => {
      await purgeLedger(organisation.id)
      await purgeLedger(other.id)
    }
  })

  const count = async (table: string) =>
    Number((await db.from(table).where('organisation_id', organisation.id).count('* as n'))[0].n)

  /** One validated entry of 2024 with two lines, debit and credit given. */
  const validatedEntry = (debit: string, credit: string, fiscalYear = ledger.fiscalYears[2024]) => [
    {
      sql: `COPY entries (${ENTRY_COLUMNS}) FROM STDIN`,
      rows: (now: string, ids: number[]) =>
        `${ids[0]}\t${organisation.id}\t${ledger.journal.OD}\t${fiscalYear}\t${fiscalYear === ledger.fiscalYears[2024] ? '2024' : '2023'}-03-15\tB1\tChargement\tvalidated\t${now}\t${ids[0]}\t${'a'.repeat(64)}\n`,
    },
    {
      sql: `COPY entry_lines (${LINE_COLUMNS}) FROM STDIN`,
      rows: (_now: string, ids: number[]) =>
        `${ids[0]}\t${organisation.id}\t1\t${account.debit}\t6064\t${fiscalYear === ledger.fiscalYears[2024] ? '2024' : '2023'}-03-15\t${debit}\t0\n` +
        `${ids[0]}\t${organisation.id}\t2\t${account.credit}\t401\t${fiscalYear === ledger.fiscalYears[2024] ? '2024' : '2023'}-03-15\t0\t${credit}\n`,
    },
  ]

  test('a bulk load cannot leave an unbalanced validated entry; a balanced one is accepted', async ({
    assert,
  }) => {
    const error = await bulk(validatedEntry('100.00', '90.00'))
    assert.match(error?.message ?? 'accepté', /déséquilibrée/)
    assert.equal(await count('entries'), 0)
    assert.equal(await count('entry_lines'), 0)
    assert.isNull(await bulk(validatedEntry('100.00', '100.00')))
    assert.equal(await count('entries'), 1)
    assert.equal(await count('entry_lines'), 2)
  })

  test('a bulk load cannot write into a closed fiscal year', async ({ assert }) => {
    await db.from('fiscal_years').where('id', ledger.fiscalYears[2023]).update({ status: 'closed' })
    const error = await bulk(validatedEntry('100.00', '100.00', ledger.fiscalYears[2023]))
    assert.match(error?.message ?? 'accepté', /clôturé/)
    assert.equal(await count('entries'), 0)
    assert.equal(await count('entry_lines'), 0)
  })

  test('bulk rows point at an entry, account, journal and year of their own organisation', async ({
    assert,
  }) => {
    const [theirAccount] = await db
      .from('accounts')
      .where({ organisation_id: other.id, number: '6064' })
      .select('id')
    const [entryCopy, lineCopy] = validatedEntry('100.00', '100.00')
    const refusals = [
      await bulk([
        entryCopy,
        {
          ...lineCopy,
          rows: (now, ids) =>
            lineCopy.rows!(now, ids).replace(`\t${account.debit}\t`, `\t${theirAccount.id}\t`),
        },
      ]),
      await bulk([
        entryCopy,
        {
          ...lineCopy,
          rows: (now, ids) => lineCopy.rows!(now, ids).replaceAll(`${ids[0]}\t`, `${ids[1]}\t`),
        },
      ]),
      await bulk([
        {
          ...entryCopy,
          rows: (now, ids) =>
            entryCopy.rows!(now, ids).replace(
              `\t${ledger.journal.OD}\t`,
              `\t${otherLedger.journal.OD}\t`
            ),
        },
        lineCopy,
      ]),
      await bulk([
        {
          ...entryCopy,
          rows: (now, ids) =>
            entryCopy.rows!(now, ids).replace(
              `\t${ledger.fiscalYears[2024]}\t`,
              `\t${otherLedger.fiscalYears[2024]}\t`
            ),
        },
        lineCopy,
      ]),
    ]
    assert.deepEqual(
      refusals.map((error) => [error?.code, error?.constraint]),
      [
        ['23503', 'entry_lines_account_id_foreign'],
        ['23503', 'entry_lines_entry_id_foreign'],
        ['23503', 'entries_journal_id_foreign'],
        ['23503', 'entries_fiscal_year_id_foreign'],
      ]
    )
    assert.equal(await count('entries'), 0)
  })

  test('bulk lines carry a grant, programme and territory of their own organisation, kept while in use', async ({
    assert,
  }) => {
    const analytics = async (org: Organisation) => {
      const [funder] = await db
        .table('funders')
        .insert({ organisation_id: org.id, name: 'Financeur', category: 'region' })
        .returning('id')
      const [grant] = await db
        .table('grants')
        .insert({
          organisation_id: org.id,
          funder_id: funder.id,
          reference: 'CONV-1',
          title: 'Convention',
          period_start: '2024-01-01',
          period_end: '2024-12-31',
          amount_awarded: '1000.00',
        })
        .returning('id')
      const [programme] = await db
        .table('programmes')
        .insert({ organisation_id: org.id, code: 'P1', name: 'Programme', level: 'own' })
        .returning('id')
      const [territory] = await db
        .table('territories')
        .insert({ organisation_id: org.id, code: `T${org.id}`, name: 'Antenne', kind: 'antenna' })
        .returning('id')
      return {
        grant_id: grant.id as number,
        programme_id: programme.id as number,
        territory_id: territory.id as number,
      }
    }
    const own = await analytics(organisation)
    const theirs = await analytics(other)
    const [entryCopy] = validatedEntry('100.00', '100.00')
    const linesWith = (keys: typeof own): Step => ({
      sql: `COPY entry_lines (${LINE_COLUMNS}, grant_id, programme_id, territory_id) FROM STDIN`,
      rows: (_now, ids) =>
        `${ids[0]}\t${organisation.id}\t1\t${account.debit}\t6064\t2024-03-15\t100.00\t0\t${keys.grant_id}\t${keys.programme_id}\t${keys.territory_id}\n` +
        `${ids[0]}\t${organisation.id}\t2\t${account.credit}\t401\t2024-03-15\t0\t100.00\t\\N\t\\N\t\\N\n`,
    })
    const refusals = [
      await bulk([entryCopy, linesWith({ ...own, grant_id: theirs.grant_id })]),
      await bulk([entryCopy, linesWith({ ...own, programme_id: theirs.programme_id })]),
      await bulk([entryCopy, linesWith({ ...own, territory_id: theirs.territory_id })]),
    ]
    assert.deepEqual(
      refusals.map((error) => [error?.code, error?.constraint]),
      [
        ['23503', 'entry_lines_grant_fk'],
        ['23503', 'entry_lines_programme_id_foreign'],
        ['23503', 'entry_lines_territory_id_foreign'],
      ]
    )
    assert.equal(await count('entries'), 0)
    assert.isNull(await bulk([entryCopy, linesWith(own)]))
    assert.equal(await count('entry_lines'), 2)

    const refusal = async (sql: string, bindings: unknown[]) => {
      try {
        await db.rawQuery(sql, bindings as never[])
      } catch (error) {
        const { code, constraint } = error as { code?: string; constraint?: string }
        return [code, constraint]
      }
      return ['accepté']
    }
    assert.deepEqual(
      await refusal('UPDATE entry_lines SET programme_id = ? WHERE organisation_id = ?', [
        theirs.programme_id,
        organisation.id,
      ]),
      ['23503', 'entry_lines_programme_id_foreign']
    )
    assert.deepEqual(await refusal('DELETE FROM grants WHERE id = ?', [own.grant_id]), [
      '23503',
      'entry_lines_grant_fk',
    ])
    assert.deepEqual(await refusal('DELETE FROM programmes WHERE id = ?', [own.programme_id]), [
      '23503',
      'entry_lines_programme_id_foreign',
    ])
    assert.deepEqual(
      await refusal('UPDATE territories SET organisation_id = ? WHERE id = ?', [
        other.id,
        own.territory_id,
      ]),
      ['23503', 'entry_lines_territory_id_foreign']
    )
    assert.deepEqual(await refusal('DELETE FROM territories WHERE id = ?', [own.territory_id]), [
      '23503',
      'entry_lines_territory_id_foreign',
    ])
    // Not in use: renamed and deleted freely.
    await db.from('programmes').where('id', theirs.programme_id).update({ name: 'Renommé' })
    await db.from('programmes').where('id', theirs.programme_id).delete()
    await db.from('territories').where('id', theirs.territory_id).delete()
    assert.equal(await count('entry_lines'), 2)
  })

  test('a programme deleted while lines are written to it: whichever comes second is refused', async ({
    assert,
  }) => {
    const programme = async (code: string) =>
      (
        await db
          .table('programmes')
          .insert({ organisation_id: organisation.id, code, name: code, level: 'own' })
          .returning('id')
      )[0].id as number
    const [first, second] = [await programme('PA'), await programme('PB')]
    const writer = await rawClient()
    const deleter = await rawClient()
    const pidOf = async (client: typeof writer) =>
      (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number
    const pids = { writer: await pidOf(writer), deleter: await pidOf(deleter) }
    /** Resolves once the backend `pid` waits for a lock (a row of the other transaction). */
    const waitingForLock = async (pid: number) => {
      for (let attempt = 0; attempt < 1000; attempt++) {
        const { rows } = await db.rawQuery(
          `SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?`,
          [pid]
        )
        if (rows[0]?.wait_event_type === 'Lock') return
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      throw new Error(`backend ${pid} never waited for a lock`)
    }
    const writeLine = async (programmeId: number) => {
      const { rows } = await writer.query(
        `INSERT INTO entries (organisation_id, journal_id, fiscal_year_id, entry_date, label)
         VALUES ($1, $2, $3, '2024-03-15', 'Brouillon') RETURNING id`,
        [organisation.id, ledger.journal.OD, ledger.fiscalYears[2024]]
      )
      return writer.query(
        `INSERT INTO entry_lines (entry_id, organisation_id, line_no, account_id, account_number,
                                  entry_date, debit, credit, programme_id)
         VALUES ($1, $2, 1, $3, '6064', '2024-03-15', 10, 0, $4)`,
        [rows[0].id, organisation.id, account.debit, programmeId]
      )
    }
    const refusal = (error: unknown) => {
      const { code, constraint } = error as { code?: string; constraint?: string }
      return [code, constraint]
    }
    try {
      // Lines first: the delete waits for their transaction, then sees them.
      await writer.query('BEGIN')
      await writeLine(first)
      const deleting = deleter
        .query('DELETE FROM programmes WHERE id = $1', [first])
        .then(() => ['accepté'], refusal)
      await waitingForLock(pids.deleter)
      await writer.query('COMMIT')
      assert.deepEqual(await deleting, ['23503', 'entry_lines_programme_id_foreign'])

      // The delete first: the lines wait for it, then find no programme.
      await deleter.query('BEGIN')
      await deleter.query('DELETE FROM programmes WHERE id = $1', [second])
      await writer.query('BEGIN')
      const writing = writeLine(second).then(() => ['accepté'], refusal)
      await waitingForLock(pids.writer)
      await deleter.query('COMMIT')
      assert.deepEqual(await writing, ['23503', 'entry_lines_programme_id_foreign'])
      await writer.query('ROLLBACK')
    } finally {
      await writer.end()
      await deleter.end()
    }
    assert.equal(await count('entry_lines'), 1)
  })

  test('what lines and entries point at cannot be deleted; a draft takes its lines along', async ({
    assert,
  }) => {
    const draft = await asOrg(organisation, () =>
      createDraft({
        journalId: ledger.journal.OD,
        entryDate: '2024-05-02',
        label: 'Brouillon',
        lines: simpleLines(),
      })
    )
    const refusal = async (sql: string, bindings: unknown[]) => {
      try {
        await db.rawQuery(sql, bindings as never[])
      } catch (error) {
        const { code, constraint } = error as { code?: string; constraint?: string }
        return [code, constraint]
      }
      return ['accepté']
    }
    assert.deepEqual(await refusal('DELETE FROM accounts WHERE id = ?', [account.debit]), [
      '23503',
      'entry_lines_account_id_foreign',
    ])
    assert.deepEqual(await refusal('DELETE FROM journals WHERE id = ?', [ledger.journal.OD]), [
      '23503',
      'entries_journal_id_foreign',
    ])
    assert.deepEqual(
      await refusal('DELETE FROM fiscal_years WHERE id = ?', [ledger.fiscalYears[2024]]),
      ['23503', 'entries_fiscal_year_id_foreign']
    )
    assert.equal(await count('entry_lines'), 2)
    await db.from('entries').where('id', draft.id).delete()
    assert.equal(await count('entry_lines'), 0)
  })

  test('a NUL character past the sniffed head is refused at its line, nothing written', async ({
    assert,
  }) => {
    // The upload's inspection reads the first 8 KB; a NUL further down is the line check's.
    const rows: FecRow[] = []
    for (let n = 1; n <= 60; n++) rows.push(...entryRows(String(n), '20240105', '10,00'))
    rows[100].EcritureLib = 'Facture\u000051'
    const result = await importFec(await writeFecFile(fecText(rows)), {
      organisationId: organisation.id,
      userId: null,
      fiscalYearId: ledger.fiscalYears[2024],
    })
    assert.equal(result.status, 'rejected')
    // The line is refused whole; its entry, left with one line, is refused too.
    assert.deepEqual(result.errors.map((issue) => [issue.line, issue.field]).slice(0, 2), [
      [102, 'ligne'],
      [103, 'EcritureNum'],
    ])
    assert.equal(await count('entries'), 0)
  })

  test('a number taken while the file is written is reported at its file line', async ({
    assert,
  }) => {
    const rows: FecRow[] = [
      ...entryRows('1', '20240105', '10,00'),
      ...entryRows('2', '20240106', '20,00'),
    ]
    const path = await writeFecFile(fecText(rows))
    const result = await importFec(path, {
      organisationId: organisation.id,
      userId: null,
      fiscalYearId: ledger.fiscalYears[2024],
      // Once the import's transaction has started, someone else records entry AC 2.
      onProgress: async ({ phase, done }) => {
        if (phase !== 'import' || done !== 0) return
        await db.table('entries').insert({
          organisation_id: organisation.id,
          journal_id: ledger.journal.AC,
          fiscal_year_id: ledger.fiscalYears[2024],
          entry_date: '2024-01-06',
          number: '2',
          label: 'Saisie concurrente',
        })
      },
    })
    assert.equal(result.status, 'rejected')
    assert.deepEqual(
      result.errors.map((issue) => [issue.line, issue.field, issue.value]),
      [[4, 'EcritureNum', 'AC 2']]
    )
    assert.equal(await count('entries'), 1)
  })
})
