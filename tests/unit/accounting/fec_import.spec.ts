import { test } from '@japa/runner'
import { PassThrough } from 'node:stream'
import { readFile } from 'node:fs/promises'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/core/organisation'
import { isolated, makeOrganisation, tableCounts, tenantOf } from '#tests/helpers'
import { asOrg, setupLedger } from '#tests/fixtures/accounting'
import { entryRows, fecText, writeFecFile, type FecRow } from '#tests/fixtures/fec'
import { importFec, type FecImportOptions, type FecProgress } from '#imports/accounting/fec/index'
import { writeFec } from '#exports/accounting/fec_export'
import { fecLines, LedgerLines } from '#reports/accounting/ledger_lines'
import { trialBalance } from '#reports/accounting/trial_balance'
import { verifyChain } from '#actions/accounting/verify_chain'
import { BATCH_LINES } from '#imports/accounting/fec/writer'
import FecImport from '../../../commands/fec_import.js'

const LEDGER = ['entries', 'entry_lines', 'accounts', 'journals', 'journal_sequences']

test.group('FEC import', (group) => {
  isolated(group)
  let organisation: Organisation
  let ledger: Awaited<ReturnType<typeof setupLedger>>
  let options: FecImportOptions

  group.each.setup(async () => {
    organisation = await makeOrganisation('FEC')
    ledger = await setupLedger(organisation, [2023, 2024])
    options = {
      organisationId: organisation.id,
      userId: null,
      fiscalYearId: ledger.fiscalYears[2024],
    }
  })

  const importText = (
    text: string | Buffer,
    encoding: 'utf-8' | 'iso-8859-15' = 'utf-8',
    extra: Partial<FecImportOptions> = {}
  ) => writeFecFile(text, encoding).then((path) => importFec(path, { ...options, ...extra }))

  async function expectRejected(
    assert: any,
    text: string | Buffer,
    reason: RegExp,
    extra: Partial<FecImportOptions> = {}
  ) {
    const before = await tableCounts(LEDGER)
    const result = await importText(text, 'utf-8', extra)
    assert.equal(result.status, 'rejected')
    assert.isTrue(
      result.errors.some((issue) => reason.test(`${issue.field} ${issue.value} ${issue.reason}`)),
      JSON.stringify(result.errors)
    )
    assert.deepEqual(await tableCounts(LEDGER), before)
    const record = await db.from('imports').where('id', result.importId).first()
    assert.equal(record.status, 'rejected')
    return result
  }

  test('imports a tab-separated UTF-8 FEC as validated entries with their numbers', async ({
    assert,
  }) => {
    const rows: FecRow[] = [
      ...entryRows('1', '20240105', '120,50'),
      ...entryRows('2', '20240106', '1234567,89', '6064100', '401', 'ACH2'),
    ]
    const result = await importText(fecText(rows))
    assert.equal(result.status, 'committed', JSON.stringify(result.errors))
    assert.equal(result.lines, 4)
    assert.equal(result.entries, 2)
    assert.equal(result.totalDebit, '1234688.39')
    assert.equal(result.journalsCreated, 1)
    assert.equal(result.accountsCreated, 1)
    const entries = await db
      .from('entries')
      .where('organisation_id', organisation.id)
      .orderBy('chain_position')
    assert.deepEqual(
      entries.map((e) => [e.number, e.status, e.import_id]),
      [
        ['1', 'validated', result.importId],
        ['2', 'validated', result.importId],
      ]
    )
    const sub = await db
      .from('accounts')
      .where({ organisation_id: organisation.id, number: '6064100' })
      .first()
    const parent = await db.from('accounts').where('id', sub.parent_id).first()
    assert.equal(parent.number, '6064')
    const line = await db
      .from('entry_lines')
      .where({ organisation_id: organisation.id, account_number: '6064100' })
      .first()
    assert.equal(line.debit, '1234567.89')
    assert.isNull((await verifyChain(organisation.id)).firstBreak)
    const sequence = await db
      .from('journal_sequences')
      .where('journal_id', ledger.journal.AC)
      .first()
    assert.equal(sequence.last_number, 1)
    // The year's reconciliation ran after the import committed.
    const run = await db
      .from('reconciliation_runs')
      .where({ organisation_id: organisation.id, year: 2024 })
      .first()
    assert.isNotNull(run)
  })

  test('reads the pipe-separated Montant + Sens variant in ISO-8859-15', async ({ assert }) => {
    const rows = entryRows('7', '20240301', '99,90').map((row) => ({
      ...row,
      EcritureLib: 'Réparation œuvre 5 €',
    }))
    const result = await importText(
      fecText(rows, { separator: '|', variant: 'montant-sens' }),
      'iso-8859-15'
    )
    assert.equal(result.status, 'committed', JSON.stringify(result.errors))
    assert.equal(result.encoding, 'iso-8859-15')
    assert.equal(result.variant, 'montant-sens')
    assert.equal(result.separator, 'pipe')
    const entry = await db
      .from('entries')
      .where({ organisation_id: organisation.id, number: '7' })
      .first()
    assert.equal(entry.label, 'Réparation œuvre 5 €')
    const lines = await db.from('entry_lines').where('entry_id', entry.id).orderBy('line_no')
    assert.deepEqual(
      lines.map((l) => [l.debit, l.credit]),
      [
        ['99.90', '0.00'],
        ['0.00', '99.90'],
      ]
    )
  })

  test('refuses an unbalanced entry', async ({ assert }) => {
    const rows = entryRows('1', '20240105', '120,50')
    rows[1].Credit = '120,49'
    const result = await expectRejected(assert, fecText(rows), /déséquilibrée \(écart 0,01\)/)
    assert.equal(result.errors[0].line, 2)
  })

  test('refuses a bad date, naming line and field', async ({ assert }) => {
    const rows = [...entryRows('1', '20240105', '10,00'), ...entryRows('2', '20240231', '10,00')]
    const result = await expectRejected(
      assert,
      fecText(rows),
      /EcritureDate 20240231 date invalide/
    )
    assert.deepInclude(result.errors, {
      line: 4,
      field: 'EcritureDate',
      value: '20240231',
      reason: 'date invalide (format AAAAMMJJ attendu)',
    })
  })

  test('refuses a wrong column count', async ({ assert }) => {
    const text = fecText(entryRows('1', '20240105', '10,00')).replace(/\t\r\n$/, '\r\n')
    const result = await expectRejected(assert, text, /17 colonnes/)
    assert.equal(result.errors[0].line, 3)
  })

  test('refuses lines outside the fiscal year and any line into a closed year', async ({
    assert,
  }) => {
    await expectRejected(
      assert,
      fecText(entryRows('1', '20231231', '10,00')),
      /hors de l’exercice 2024/
    )
    await db.from('fiscal_years').where('id', ledger.fiscalYears[2023]).update({ status: 'closed' })
    await expectRejected(assert, fecText(entryRows('1', '20230601', '10,00')), /clôturé/, {
      fiscalYearId: ledger.fiscalYears[2023],
    })
  })

  test('refuses a binary file and a file over the size cap at once', async ({ assert }) => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(100),
    ])
    await expectRejected(assert, png, /image PNG/)
    await expectRejected(
      assert,
      Buffer.from('JournalCode\tJournalLib\u0000\u0001\u0002 binaire'),
      /binaire/
    )
    await expectRejected(assert, fecText(entryRows('1', '20240105', '10,00')), /trop volumineux/, {
      maxBytes: 100,
    })
  })

  test('refuses the same file twice', async ({ assert }) => {
    const text = fecText(entryRows('1', '20240105', '10,00'))
    assert.equal((await importText(text)).status, 'committed')
    await expectRejected(assert, text, /déjà été importé/)
  })

  test('a number already in the ledger is reported at the line where its entry starts', async ({
    assert,
  }) => {
    const first: FecRow[] = []
    for (const n of ['1', '2', '3']) first.push(...entryRows(n, '20240105', '10,00'))
    assert.equal((await importText(fecText(first))).status, 'committed')

    // Lines 2-3: new; 4-5: AC 2 (taken); 6-7: new; 8-9: AC 3 (taken); 10-11: AC 1 in BQ (free).
    const rows: FecRow[] = [
      ...entryRows('10', '20240201', '20,00'),
      ...entryRows('2', '20240201', '20,00'),
      ...entryRows('11', '20240201', '20,00'),
      ...entryRows('3', '20240201', '20,00'),
      ...entryRows('1', '20240201', '20,00', '6064', '512', 'BQ'),
    ]
    const result = await expectRejected(assert, fecText(rows), /existe déjà/)
    assert.equal(result.errorCount, 2)
    assert.deepEqual(
      result.errors.map((issue) => [issue.line, issue.field, issue.value]),
      [
        [4, 'EcritureNum', 'AC 2'],
        [8, 'EcritureNum', 'AC 3'],
      ]
    )
    const record = await db.from('imports').where('id', result.importId).first()
    const stored = typeof record.errors === 'string' ? JSON.parse(record.errors) : record.errors
    assert.deepEqual(
      stored.list.map((issue: { line: number }) => issue.line),
      [4, 8]
    )
  })

  test('reports every error of a file, with line, field, value and reason', async ({ assert }) => {
    const rows: FecRow[] = []
    for (let i = 1; i <= 30; i++) rows.push(...entryRows(String(i), '20240105', 'abc'))
    const result = await expectRejected(assert, fecText(rows), /Debit abc montant invalide/)
    assert.equal(result.errorCount, 60)
    assert.equal(result.errors[59].line, 61)
    const capped = await importText(fecText(rows), 'utf-8', { maxErrors: 10 })
    assert.lengthOf(capped.errors, 10)
    assert.equal(capped.errorCount, 60)
  })

  test('an exported FEC imported into an empty organisation gives the same trial balance', async ({
    assert,
  }) => {
    const rows: FecRow[] = []
    for (let i = 1; i <= 40; i++) {
      rows.push(
        ...entryRows(
          String(i),
          `202403${String((i % 28) + 1).padStart(2, '0')}`,
          `${i * 13},${String(i).padStart(2, '0')}`,
          i % 2 ? '6064' : '6226',
          i % 3 ? '401' : '512',
          i % 2 ? 'AC' : 'BQ'
        )
      )
    }
    rows[0].EcritureLet = 'AA'
    rows[0].DateLet = '20240410'
    assert.equal((await importText(fecText(rows))).status, 'committed')

    const output = new PassThrough()
    const chunks: Buffer[] = []
    output.on('data', (chunk) => chunks.push(chunk))
    const fec = new LedgerLines(tenantOf(organisation), fecLines(ledger.fiscalYears[2024]))
    await writeFec(output, (await fec.build()).lines)
    const exported = Buffer.concat(chunks)
    assert.match(
      exported.toString('latin1').split('\r\n')[0],
      /^JournalCode\tJournalLib\tEcritureNum/
    )

    const empty = await makeOrganisation('Vide')
    const emptyLedger = await setupLedger(empty, [2024])
    const path = await writeFecFile(exported)
    const second = await importFec(path, {
      organisationId: empty.id,
      userId: null,
      fiscalYearId: emptyLedger.fiscalYears[2024],
    })
    assert.equal(second.status, 'committed', JSON.stringify(second.errors))

    const strip = (tb: Awaited<ReturnType<typeof trialBalance>>) =>
      tb.rows.map((r) => [
        r.accountNumber,
        r.movementDebit.toFixed(2),
        r.movementCredit.toFixed(2),
        r.closingDebit.toFixed(2),
        r.closingCredit.toFixed(2),
      ])
    const a = await trialBalance(organisation.id, { fiscalYearId: ledger.fiscalYears[2024] })
    const b = await trialBalance(empty.id, { fiscalYearId: emptyLedger.fiscalYears[2024] })
    assert.deepEqual(strip(b), strip(a))
    assert.isAbove(a.rows.length, 2)
    assert.equal(a.totals.movementDebit.toFixed(2), a.totals.movementCredit.toFixed(2))
    const lettered = await db
      .from('entry_lines')
      .where({ organisation_id: empty.id, lettering: 'AA' })
      .first()
    assert.equal(lettered.lettering_date, '2024-04-10')
  })

  test('journals and accounts first met after a batch was written are created, with their parents', async ({
    assert,
  }) => {
    const rows: FecRow[] = []
    // Two lines per entry: the first batch is written before the last entries are read.
    const entries = BATCH_LINES / 2 + 50
    for (let n = 1; n <= entries; n++) rows.push(...entryRows(String(n), '20240105', '10,00'))
    // After the first batch: a new journal, a child account before its parent.
    rows.push(...entryRows('1', '20240210', '5,00', '68812', '4011', 'OD'))
    rows.push(...entryRows('2', '20240211', '7,00', '688', '4011', 'OD'))
    for (const row of rows.slice(-4)) row.JournalLib = 'Opérations diverses'
    const before = await db
      .from('accounts')
      .where('organisation_id', organisation.id)
      .select('number')
    const result = await importText(fecText(rows))
    assert.equal(result.status, 'committed', JSON.stringify(result.errors))
    assert.equal(result.entries, entries + 2)
    const journal = await db
      .from('journals')
      .where({ organisation_id: organisation.id, code: 'OD' })
      .firstOrFail()
    assert.equal(journal.label, 'Opérations diverses')
    const accounts = await db
      .from('accounts as a')
      .leftJoin('accounts as p', 'p.id', 'a.parent_id')
      .where('a.organisation_id', organisation.id)
      .select('a.number', 'a.label', 'p.number as parent')
    const known = new Set(before.map((row) => row.number as string))
    const created = accounts.filter((row) => !known.has(row.number))
    assert.equal(result.accountsCreated, created.length)
    assert.includeMembers(
      created.map((row) => row.number),
      ['68812', '688', '4011']
    )
    // Each new account's parent is its longest prefix among the organisation's accounts.
    const numbers = accounts.map((row) => row.number as string)
    for (const row of created) {
      const prefixes = numbers.filter(
        (n) => n.length < row.number.length && row.number.startsWith(n)
      )
      const longest = prefixes.sort((a, b) => b.length - a.length)[0] ?? null
      assert.equal(row.parent, longest, row.number)
    }
    assert.equal(created.find((row) => row.number === '68812')!.parent, '688')
    assert.isNull((await verifyChain(organisation.id)).firstBreak)
    const lines = await db
      .from('entry_lines as l')
      .join('accounts as a', 'a.id', 'l.account_id')
      .where('l.organisation_id', organisation.id)
      .whereRaw('a.number <> l.account_number')
      .count('* as n')
    assert.equal(Number(lines[0].n), 0)
  })

  test('amounts, dates and texts are stored exactly as written, whatever their size or sign', async ({
    assert,
  }) => {
    const amounts = ['0,01', '0,10', '1,00', '10000,00', '10000,01', '123456789,01', '99999999,99']
    const rows = amounts.flatMap((amount, n) => entryRows(String(n + 1), '20240229', amount))
    rows[0].CompteLib = 'Œuvres d’art – « café » €'
    rows[0].EcritureLib = 'Libellé accentué : été, Noël, cœur'
    rows[0].EcritureLet = 'AB'
    rows[0].DateLet = '20241231'
    rows[0].Montantdevise = '-1234,50'
    rows[0].Idevise = 'USD'
    rows[2].Montantdevise = '0,00'
    rows[2].Idevise = 'CHF'
    const result = await importText(fecText(rows))
    assert.equal(result.status, 'committed', JSON.stringify(result.errors))
    const stored = await db
      .from('entry_lines')
      .where('organisation_id', organisation.id)
      .orderBy('id')
      .select(
        db.raw('debit::text AS debit'),
        db.raw('credit::text AS credit'),
        db.raw("to_char(entry_date, 'YYYY-MM-DD') AS day"),
        db.raw("to_char(lettering_date, 'YYYY-MM-DD') AS lettered"),
        db.raw('currency_amount::text AS currency_amount'),
        'currency',
        'label',
        'lettering',
        'aux_number',
        'account_number',
        'line_no'
      )
    const decimal = (fec: string) => fec.replace(',', '.')
    assert.deepEqual(
      stored.map((row) => [row.debit, row.credit]),
      amounts.flatMap((amount) => [
        [decimal(amount), '0.00'],
        ['0.00', decimal(amount)],
      ])
    )
    assert.isTrue(stored.every((row) => row.day === '2024-02-29'))
    assert.deepEqual(
      [stored[0].lettered, stored[0].currency_amount, stored[0].currency, stored[0].lettering],
      ['2024-12-31', '-1234.50', 'USD', 'AB']
    )
    assert.deepEqual([stored[2].currency_amount, stored[2].currency], ['0.00', 'CHF'])
    assert.deepEqual([stored[1].lettered, stored[1].currency_amount], [null, null])
    assert.equal(stored[0].label, 'Libellé accentué : été, Noël, cœur')
    assert.deepEqual(
      stored.slice(0, 2).map((row) => [row.line_no, row.account_number, row.aux_number]),
      [
        [1, '6064', null],
        [2, '401', 'F001'],
      ]
    )
    assert.isNull((await verifyChain(organisation.id)).firstBreak)
  })

  test('a file read as UTF-8 that turns out ISO-8859-15 after a batch is imported once, as ISO-8859-15', async ({
    assert,
  }) => {
    const rows: FecRow[] = []
    const entries = BATCH_LINES / 2 + 1000
    for (let n = 1; n <= entries; n++) rows.push(...entryRows(String(n), '20240105', '10,00'))
    // The head is plain ASCII (sniffed as UTF-8); the first accent comes after the first batch.
    rows.at(-1)!.EcritureLib = "Café de l'été : 5 €"
    const result = await importText(fecText(rows), 'iso-8859-15')
    assert.equal(result.status, 'committed', JSON.stringify(result.errors.slice(0, 3)))
    assert.equal(result.encoding, 'iso-8859-15')
    const counts = await db
      .from('entries')
      .where('organisation_id', organisation.id)
      .count('* as n')
    assert.equal(Number(counts[0].n), entries)
    const last = await db
      .from('entry_lines')
      .where('organisation_id', organisation.id)
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.equal(last.label, "Café de l'été : 5 €")
    assert.isNull((await verifyChain(organisation.id)).firstBreak)
  })

  test('reports its progress in one pass: bytes read increasing from 0 to the file size', async ({
    assert,
  }) => {
    const rows: FecRow[] = []
    for (let n = 1; n <= 30; n++) rows.push(...entryRows(String(n), '20240105', '10,00'))
    const text = fecText(rows)
    const size = Buffer.byteLength(text)
    const calls: FecProgress[] = []
    const result = await importText(text, 'utf-8', {
      progressEvery: 7,
      onProgress: (progress) => {
        calls.push(progress)
      },
    })
    assert.equal(result.status, 'committed', JSON.stringify(result.errors))
    assert.isTrue(
      calls.every((c) => c.phase === 'import' && c.total === size),
      JSON.stringify(calls)
    )
    assert.deepEqual(calls[0], { phase: 'import', done: 0, total: size })
    assert.deepEqual(calls.at(-1), { phase: 'import', done: size, total: size })
    assert.isAtLeast(calls.length, 6, JSON.stringify(calls))
    for (let i = 1; i < calls.length; i++) assert.isAtLeast(calls[i].done, calls[i - 1].done)
  })

  test('a refused file is read in the same pass and leaves nothing', async ({ assert }) => {
    const rows: FecRow[] = []
    const entries = BATCH_LINES / 2 + 1000
    for (let n = 1; n <= entries; n++) rows.push(...entryRows(String(n), '20240105', '10,00'))
    // The last entry is unbalanced: the first batch, before it, was written, then rolled back.
    rows.at(-1)!.Credit = '11,00'
    const calls: FecProgress[] = []
    const before = await tableCounts([...LEDGER, 'imports'])
    const result = await importText(fecText(rows), 'utf-8', {
      onProgress: (p) => {
        calls.push(p)
      },
    })
    assert.equal(result.status, 'rejected')
    assert.deepEqual(
      result.errors.map((issue) => [issue.line, issue.field]),
      [[entries * 2, 'Debit/Credit']]
    )
    assert.isTrue(calls.length >= 2 && calls.every((c) => c.phase === 'import'))
    const after = await tableCounts([...LEDGER, 'imports'])
    assert.deepEqual(after, { ...before, imports: before.imports + 1 })
    const recorded = await db.from('imports').orderBy('id', 'desc').firstOrFail()
    assert.equal(recorded.status, 'rejected')
    assert.equal(recorded.rows_total, entries * 2)
  })

  test('fec:import prints a summary, and the errors of a refused file', async ({ assert }) => {
    const good = await writeFecFile(fecText(entryRows('1', '20240105', '10,00')))
    ace.ui.switchMode('raw')
    let command = await ace.create(FecImport, [
      good,
      '--year',
      '2024',
      '--organisation',
      String(organisation.id),
    ])
    await asOrg(organisation, () => command.exec())
    command.assertSucceeded()
    command.assertLogMatches(/2 lignes, 1 écritures/)
    command.assertLogMatches(/import : 0 %/)
    command.assertLogMatches(/import : 100 %/)
    const rows = entryRows('2', '20240105', '10,00')
    rows[0].Debit = '11,00'
    const bad = await writeFecFile(fecText(rows))
    command = await ace.create(FecImport, [
      bad,
      '--year',
      '2024',
      '--organisation',
      String(organisation.id),
    ])
    await command.exec()
    command.assertFailed()
    command.assertLogMatches(/ligne 2 · Debit\/Credit/)
    assert.isTrue((await readFile(bad)).length > 0)
  })
})
