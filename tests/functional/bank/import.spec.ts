import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { inspecting, isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { flashed, send } from '#tests/functional/grants/helpers'
import { bankLedger, camt053, csv, IBAN, ofx, OTHER_IBAN } from '#tests/fixtures/bank'
import { BANK_TABLES, upload } from '#tests/functional/bank/helpers'

const JANUARY = [
  { day: '2023-01-05', amount: '-1200.00', label: 'Loyer janvier', reference: 'REF-1' },
  { day: '2023-01-10', amount: '25000.00', label: 'Virement Région', reference: 'REF-2' },
  { day: '2023-01-20', amount: '-85.40', label: 'Frais', reference: 'REF-3' },
]
const LATE_JANUARY = [
  JANUARY[2],
  { day: '2023-01-31', amount: '-300.00', label: 'Fournisseur', reference: 'REF-4' },
]

async function setting() {
  const organisation = await makeOrganisation()
  const finance = await makeUser(organisation, ['finance'])
  const ledger = await bankLedger(organisation)
  return { organisation, finance, ledger }
}

function operations(bankAccountId: number) {
  return inspecting(() =>
    db
      .from('bank_operations')
      .where('bank_account_id', bankAccountId)
      .orderBy('booking_date')
      .orderBy('id')
  )
}

test.group('Bank statements: import', (group) => {
  isolated(group)

  test('a CAMT.053 statement is imported with its balances; an overlapping one adds only the new operations', async ({
    client,
    assert,
  }) => {
    const { finance, ledger } = await setting()
    const first = await upload(
      client,
      finance,
      ledger.bankAccountId,
      'janvier.xml',
      camt053({ from: '2023-01-01', to: '2023-01-20', opening: '10000', operations: JANUARY })
    )
    assert.equal(first.status(), 302)
    assert.equal(
      flashed(first, 'success'),
      'Relevé importé : 3 opération(s) ajoutée(s), 0 déjà importée(s) ignorée(s).'
    )
    const ops = await operations(ledger.bankAccountId)
    assert.deepEqual(
      ops.map((o) => [o.amount, o.label, o.reference]),
      [
        ['-1200.00', 'Loyer janvier', 'REF-1'],
        ['25000.00', 'Virement Région', 'REF-2'],
        ['-85.40', 'Frais', 'REF-3'],
      ]
    )
    const [statement] = await inspecting(() =>
      db.from('bank_statements').where('bank_account_id', ledger.bankAccountId)
    )
    assert.equal(statement.opening_balance, '10000.00')
    assert.equal(statement.closing_balance, '33714.60')

    const second = await upload(
      client,
      finance,
      ledger.bankAccountId,
      'fin-janvier.xml',
      camt053({
        from: '2023-01-20',
        to: '2023-01-31',
        opening: '33800.00',
        closing: '33414.60',
        operations: LATE_JANUARY,
      })
    )
    assert.equal(
      flashed(second, 'success'),
      'Relevé importé : 1 opération(s) ajoutée(s), 1 déjà importée(s) ignorée(s).'
    )
    assert.lengthOf(await operations(ledger.bankAccountId), 4)
    const page = await client.get(`/banque/comptes/${ledger.bankAccountId}`).actingAs(finance)
    assert.equal(page.status(), 200)
    assert.match(page.text(), /33\s414,60/u)
  })

  test('OFX 1.x (SGML) and OFX 2.x (XML) statements are imported', async ({ client, assert }) => {
    const { finance, ledger } = await setting()
    const sgml = await upload(
      client,
      finance,
      ledger.bankAccountId,
      'janvier.ofx',
      ofx({ from: '2023-01-01', to: '2023-01-20', closing: '33714.60', operations: JANUARY })
    )
    assert.equal(
      flashed(sgml, 'success'),
      'Relevé importé : 3 opération(s) ajoutée(s), 0 déjà importée(s) ignorée(s).'
    )
    const xml = await upload(
      client,
      finance,
      ledger.bankAccountId,
      'fin.ofx',
      ofx({
        xml: true,
        from: '2023-01-21',
        to: '2023-01-31',
        closing: '33414.60',
        operations: LATE_JANUARY,
      })
    )
    assert.equal(
      flashed(xml, 'success'),
      'Relevé importé : 1 opération(s) ajoutée(s), 1 déjà importée(s) ignorée(s).'
    )
    const statements = await inspecting(() =>
      db
        .from('bank_statements')
        .where('bank_account_id', ledger.bankAccountId)
        .orderBy('closing_date')
    )
    assert.deepEqual(
      statements.map((s) => [s.opening_balance, s.closing_balance]),
      [
        ['10000.00', '33714.60'],
        ['33800.00', '33414.60'],
      ]
    )
  })

  test('a CSV export is imported with the saved column mapping, Latin-1 and French amounts', async ({
    client,
    assert,
  }) => {
    const { finance, ledger } = await setting()
    const incomplete = await send(
      client,
      finance,
      'put',
      `/banque/comptes/${ledger.bankAccountId}/colonnes-csv`,
      { date: 'Date', label: 'Libellé', debit: 'Débit' }
    )
    assert.equal(incomplete.status(), 302)
    assert.deepEqual(Object.keys(incomplete.flashMessages().inputErrorsBag ?? {}), ['credit'])
    const missing = await send(client, finance, 'put', '/banque/comptes/999999/colonnes-csv', {
      date: 'Date',
      label: 'Libellé',
      amount: 'Montant',
    })
    assert.equal(missing.status(), 404)
    const saved = await send(
      client,
      finance,
      'put',
      `/banque/comptes/${ledger.bankAccountId}/colonnes-csv`,
      { date: 'Date', label: 'Libellé', debit: 'Débit', credit: 'Crédit', reference: 'Référence' }
    )
    assert.equal(saved.status(), 302)
    const rows = [
      ...JANUARY,
      { day: '2023-01-25', amount: '-1234.56', label: 'Équipement', reference: '' },
    ]
    const latin1 = Buffer.from(csv(rows).replace('1234,56', '1 234,56'), 'latin1')
    const response = await upload(client, finance, ledger.bankAccountId, 'janvier.csv', latin1, {
      closingBalance: '32 480,04',
    })
    assert.equal(
      flashed(response, 'success'),
      'Relevé importé : 4 opération(s) ajoutée(s), 0 déjà importée(s) ignorée(s).'
    )
    const ops = await operations(ledger.bankAccountId)
    assert.deepEqual(ops.map((o) => [o.amount, o.label]).at(-1), ['-1234.56', 'Équipement'])
    const [statement] = await inspecting(() =>
      db.from('bank_statements').where('bank_account_id', ledger.bankAccountId)
    )
    assert.equal(statement.opening_balance, '10000.00')
  })

  test('bad files are refused with where and why, and nothing is stored', async ({
    client,
    assert,
  }) => {
    const { finance, ledger } = await setting()
    const good = { from: '2023-01-01', to: '2023-01-20', opening: '10000', operations: JANUARY }
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['malforme.xml', '<Document><BkToCstmrStmt><Stmt></Document>', /XML mal formé/],
      [
        'entites.xml',
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>',
        /DOCTYPE ou ENTITY interdite/,
      ],
      [
        'autre.xml',
        camt053({ ...good, iban: OTHER_IBAN }),
        /Stmt\/Acct\/Id\/IBAN : le relevé est celui du compte FR54/,
      ],
      ['dollars.xml', camt053({ ...good, currency: 'USD' }), /devise USD/],
      ['soldes.xml', camt053({ ...good, closing: '99999' }), /≠ solde de clôture/],
      [
        'montant.xml',
        camt053(good).replace('>1200.00<', '>12,00<'),
        /Ntry\[1\]\/Amt : montant absent ou invalide/,
      ],
      [
        'autre.ofx',
        ofx({
          accountId: '99999999999',
          from: '2023-01-01',
          to: '2023-01-20',
          closing: '1',
          operations: JANUARY,
        }),
        /BANKACCTFROM\/ACCTID/,
      ],
      [
        'date.ofx',
        ofx({ from: '2023-01-01', to: '2023-01-20', closing: '1', operations: JANUARY }).replace(
          '20230110120000',
          '2023AB10'
        ),
        /STMTTRN n° 2 \(ligne \d+\)\/DTPOSTED : date absente ou invalide/,
      ],
      ['rien.csv', csv(JANUARY), /Enregistrez d’abord les colonnes/],
      [
        'ordre.ofx',
        ofx({ from: '2023-01-31', to: '2023-01-01', closing: '1', operations: JANUARY }),
        /la date de fin précède/,
      ],
      [
        'ouvert.ofx',
        ofx({ from: '2023-01-01', to: '2023-01-20', closing: '1', operations: JANUARY }).replace(
          '</STMTTRN>',
          ''
        ),
        /transaction non fermée/,
      ],
      [
        'enorme.xml',
        camt053({ ...good, operations: [{ ...JANUARY[0], amount: '-99999999999999.00' }] }),
        /montant absent ou invalide/,
      ],
    ]
    const before = await tableCounts(BANK_TABLES)
    for (const [name, content, message] of cases) {
      const response = await upload(client, finance, ledger.bankAccountId, name, content)
      assert.equal(response.status(), 303, name)
      assert.match(flashed(response), message, name)
    }
    assert.deepEqual(await tableCounts(BANK_TABLES), before)
    await send(client, finance, 'put', `/banque/comptes/${ledger.bankAccountId}/colonnes-csv`, {
      date: 'Date',
      label: 'Libellé',
      amount: 'Montant',
    })
    const mappingCounts = await tableCounts(BANK_TABLES)
    const csvCases: Array<[string, RegExp]> = [
      [csv(JANUARY), /ligne 1 : colonne « Montant » absente/],
      [
        'Date;Libellé;Montant\r\n05/01/2023;Loyer;-1200\r\n31/02/2023;Frais;-8,5\r\n',
        /ligne 3, colonne Date : .*jour inexistant|ligne 3, colonne Date/,
      ],
      [
        'Date;Libellé;Montant\r\n05/01/2023;Loyer;douze\r\n',
        /ligne 2, colonne Montant : montant invalide/,
      ],
    ]
    for (const [content, message] of csvCases) {
      const response = await upload(client, finance, ledger.bankAccountId, 'releve.csv', content)
      assert.equal(response.status(), 303)
      assert.match(flashed(response), message)
    }
    assert.deepEqual(await tableCounts(BANK_TABLES), mappingCounts)
  })

  test('the same file twice is refused; the board may read but not import', async ({
    client,
    assert,
  }) => {
    const { organisation, finance, ledger } = await setting()
    const file = camt053({
      from: '2023-01-01',
      to: '2023-01-20',
      opening: '10000',
      operations: JANUARY,
    })
    await upload(client, finance, ledger.bankAccountId, 'janvier.xml', file)
    const board = await makeUser(organisation, ['board'])
    const before = await tableCounts(BANK_TABLES)
    const again = await upload(client, finance, ledger.bankAccountId, 'janvier-bis.xml', file)
    assert.equal(again.status(), 303)
    assert.match(flashed(again), /déjà été importé sur ce compte \(janvier\.xml\)/)
    const refused = await upload(client, board, ledger.bankAccountId, 'fevrier.xml', file)
    assert.equal(refused.status(), 403)
    assert.deepEqual(await tableCounts(BANK_TABLES), before)
    const page = await client.get(`/banque/comptes/${ledger.bankAccountId}`).actingAs(board)
    assert.equal(page.status(), 200)
    assert.notInclude(page.text(), 'Importer un relevé')
  })

  test('a bank account is opened on a 512 account with a valid IBAN only', async ({
    client,
    assert,
  }) => {
    const { finance, ledger } = await setting()
    const before = await tableCounts(['bank_accounts', 'audit_events'])
    const badIban = await send(client, finance, 'post', '/banque/comptes', {
      name: 'Livret',
      accountId: ledger.accounts['512'],
      iban: 'FR7630006000011234567890188',
    })
    assert.equal(badIban.status(), 302)
    assert.deepEqual(Object.keys(badIban.flashMessages().inputErrorsBag ?? {}), ['iban'])
    const notBank = await send(client, finance, 'post', '/banque/comptes', {
      name: 'Livret',
      accountId: ledger.accounts['401'],
      iban: OTHER_IBAN,
    })
    assert.match(flashed(notBank), /compte de banque \(512…\)/)
    const sameIban = await send(client, finance, 'post', '/banque/comptes', {
      name: 'Doublon',
      accountId: ledger.accounts['512'],
      iban: IBAN,
    })
    assert.match(flashed(sameIban), /déjà celui du compte « Compte courant »/)
    assert.deepEqual(await tableCounts(['bank_accounts', 'audit_events']), before)
    const created = await send(client, finance, 'post', '/banque/comptes', {
      name: 'Livret',
      accountId: ledger.accounts['512'],
      iban: 'fr54 1027 8000 0100 0200 0304 06',
    })
    assert.equal(created.status(), 302)
    const row = await inspecting(() =>
      db.from('bank_accounts').where('name', 'Livret').firstOrFail()
    )
    assert.equal(row.iban, OTHER_IBAN)
    assert.equal(created.header('location'), `/banque/comptes/${row.id}`)
  })
})
