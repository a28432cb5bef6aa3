import { test } from '@japa/runner'
import { isValidIban, normaliseIban } from '#models/bank/iban'
import { readCamt053 } from '#imports/bank/camt053'
import { readOfx } from '#imports/bank/ofx'
import { dedupKey, StatementRefusal } from '#imports/bank/statement'
import { camt053, IBAN, ofx } from '#tests/fixtures/bank'

const OPERATIONS = [
  { day: '2023-03-01', amount: '-10.00', label: 'Frais & commissions', reference: 'R1' },
  { day: '2023-03-02', amount: '1500.50', label: 'Virement reçu' },
]

function refusal(work: () => unknown) {
  try {
    work()
  } catch (error) {
    if (error instanceof StatementRefusal) return error.issues
    throw error
  }
  throw new Error('not refused')
}

test.group('Bank: IBAN', () => {
  test('the checksum decides', ({ assert }) => {
    assert.isTrue(isValidIban(IBAN))
    assert.isTrue(isValidIban('fr76 3000 6000 0112 3456 7890 189'))
    assert.isFalse(isValidIban('FR7630006000011234567890188'))
    assert.isFalse(isValidIban('FR76'))
    assert.equal(normaliseIban(' fr76 3000 '), 'FR763000')
  })
})

test.group('Bank: statement readers', () => {
  test('CAMT.053: balances, signs, dates, references, remittance text', ({ assert }) => {
    const statement = readCamt053(
      camt053({ from: '2023-03-01', to: '2023-03-31', opening: '-200', operations: OPERATIONS })
    )
    assert.equal(statement.accountId, IBAN)
    assert.equal(statement.currency, 'EUR')
    assert.equal(statement.openingBalance!.toFixed(2), '-200.00')
    assert.equal(statement.closingBalance!.toFixed(2), '1290.50')
    assert.deepEqual(
      statement.operations.map((o) => [o.bookingDate, o.amount.toFixed(2), o.label, o.reference]),
      [
        ['2023-03-01', '-10.00', 'Frais & commissions', 'R1'],
        ['2023-03-02', '1500.50', 'Virement reçu', null],
      ]
    )
  })

  test('CAMT.053: entities, malformed XML and missing balances are refused with their place', ({
    assert,
  }) => {
    assert.match(
      refusal(() => readCamt053('<!DOCTYPE x [<!ENTITY a "b">]><Document/>'))[0].reason,
      /DOCTYPE ou ENTITY/
    )
    assert.match(
      refusal(() => readCamt053('<Document><a></Document>'))[0].where,
      /^ligne 1, colonne \d+$/
    )
    const noClosing = camt053({
      from: '2023-03-01',
      to: '2023-03-31',
      opening: '0',
      operations: OPERATIONS,
    }).replace(/<Bal><Tp><CdOrPrtry><Cd>CLBD.*?<\/Bal>/, '')
    assert.deepEqual(
      refusal(() => readCamt053(noClosing)),
      [{ where: 'Document/BkToCstmrStmt/Stmt/Bal', reason: 'solde CLBD absent' }]
    )
  })

  test('OFX: SGML and XML read the same; the opening balance is left to the import', ({
    assert,
  }) => {
    for (const xml of [false, true]) {
      const statement = readOfx(
        ofx({
          xml,
          from: '2023-03-01',
          to: '2023-03-31',
          closing: '1490.50',
          operations: OPERATIONS,
        })
      )
      assert.isNull(statement.openingBalance)
      assert.equal(statement.closingBalance!.toFixed(2), '1490.50')
      assert.deepEqual(
        statement.operations.map((o) => [o.amount.toFixed(2), o.label]),
        [
          ['-10.00', 'Frais & commissions'],
          ['1500.50', 'Virement reçu'],
        ]
      )
      assert.equal(statement.openingDate, '2023-03-01')
    }
  })

  test('the duplicate key: the bank reference, else date, amount and label', ({ assert }) => {
    const [withRef, without] = readCamt053(
      camt053({ from: '2023-03-01', to: '2023-03-31', opening: '0', operations: OPERATIONS })
    ).operations
    assert.equal(dedupKey(withRef), 'ref:R1')
    assert.equal(dedupKey(without), 'op:2023-03-02|1500.50|VIREMENT RECU')
  })
})
