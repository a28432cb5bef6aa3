import { test } from '@japa/runner'
import { Decimal } from 'decimal.js'
import {
  InvalidAmountError,
  MONEY_SCALE,
  moneyColumnOptions,
  moneyOrNull,
  moneyOrZero,
  parseFrenchAmount,
  roundCents,
  sumMoney,
  toMoney,
  ZERO,
} from '../../../app/support/money.js'

function centsToString(cents: bigint): string {
  const negative = cents < 0n
  const absolute = negative ? -cents : cents
  const units = absolute / 100n
  const rest = (absolute % 100n).toString().padStart(2, '0')
  return `${negative ? '-' : ''}${units}.${rest}`
}

test.group('Money / sums', () => {
  test('sums one million amounts to the exact cent', ({ assert }) => {
    const count = 1_000_000
    // Deterministic varied amounts, including negatives and values of every magnitude.
    const centsAt = (index: number) => BigInt(10 + ((index * 7919) % 2_000_003) - 1_000_000)

    let expected = 0n
    for (let index = 0; index < count; index++) {
      expected += centsAt(index)
    }

    function* amounts() {
      for (let index = 0; index < count; index++) {
        yield centsToString(centsAt(index))
      }
    }
    assert.equal(sumMoney(amounts()).toFixed(MONEY_SCALE), centsToString(expected))
  }).timeout(60_000)

  test('one million times 0.10 is exactly 100 000', ({ assert }) => {
    function* tenCents() {
      for (let index = 0; index < 1_000_000; index++) {
        yield '0.10'
      }
    }
    assert.equal(sumMoney(tenCents()).toFixed(2), '100000.00')

    // The float sum the module exists to avoid is not exact.
    let float = 0
    for (let index = 0; index < 1_000_000; index++) {
      float += 0.1
    }
    assert.notEqual(float, 100_000)
  }).timeout(60_000)

  test('sums Decimals, strings and numbers together', ({ assert }) => {
    assert.equal(sumMoney([new Decimal('0.1'), '0.2', 0.3]).toString(), '0.6')
    assert.equal(sumMoney([]).toString(), '0')
  })
})

test.group('Money / rounding', () => {
  test('rounds half away from zero', ({ assert }) => {
    assert.equal(roundCents('0.005').toFixed(2), '0.01')
    assert.equal(roundCents('-0.005').toFixed(2), '-0.01')
    assert.equal(roundCents('2.675').toFixed(2), '2.68')
    assert.equal(roundCents('-2.675').toFixed(2), '-2.68')
    assert.equal(roundCents('0.0049999').toFixed(2), '0.00')
    assert.equal(roundCents('1.125').toFixed(2), '1.13')
  })

  test('rounds a JS number from its decimal representation, not from its binary value', ({
    assert,
  }) => {
    // 2.675 is stored as 2.67499999999999982236431605997495353221893310546875.
    assert.equal(roundCents(2.675).toFixed(2), '2.68')
    assert.equal(roundCents(1.005).toFixed(2), '1.01')
  })

  test('keeps huge amounts exact', ({ assert }) => {
    const amount = toMoney('123456789012345678901234.565')
    assert.equal(roundCents(amount).toString(), '123456789012345678901234.57')
    assert.equal(amount.plus('0.005').toString(), '123456789012345678901234.57')
  })
})

test.group('Money / toMoney', () => {
  test('accepts canonical strings, finite numbers and Decimals', ({ assert }) => {
    assert.equal(toMoney('-1234.56').toString(), '-1234.56')
    assert.equal(toMoney('0012').toString(), '12')
    assert.equal(toMoney(0.1).toString(), '0.1')
    assert.equal(toMoney(new Decimal('1.5')).toString(), '1.5')
    assert.equal(toMoney(1e21).toString(), '1000000000000000000000')
  })

  test('refuses {value} with a French message')
    .with([
      { value: Number.NaN, message: 'montant invalide : NaN' },
      { value: Number.POSITIVE_INFINITY, message: 'montant invalide : Infinity' },
      { value: new Decimal(Number.NaN), message: 'montant invalide : « NaN »' },
      { value: 'abc', message: 'montant invalide : « abc »' },
      { value: '1e3', message: 'montant invalide : « 1e3 »' },
      { value: ' 12', message: 'montant invalide : «  12 »' },
      { value: '1 234,56', message: 'montant invalide : « 1 234,56 »' },
      { value: null, message: 'montant manquant' },
    ])
    .run(({ assert }, { value, message }) => {
      assert.throws(() => toMoney(value), message)
      try {
        toMoney(value)
      } catch (error) {
        assert.instanceOf(error, InvalidAmountError)
      }
    })
})

test.group('Money / parseFrenchAmount', () => {
  test('parses {text}')
    .with([
      { text: '1 234,56', expected: '1234.56' },
      { text: '1\u00A0234,56', expected: '1234.56' },
      { text: '1\u202F234,56', expected: '1234.56' },
      { text: '1\u202F234\u202F567,89\u00A0€', expected: '1234567.89' },
      { text: '-1234,5', expected: '-1234.5' },
      { text: '\u22121234,5', expected: '-1234.5' },
      { text: '+12', expected: '12' },
      { text: '1234.56', expected: '1234.56' },
      { text: '1 234.56', expected: '1234.56' },
      { text: '0.125', expected: '0.125' },
      { text: '1234.567', expected: '1234.567' },
      { text: '1.234,56', expected: '1234.56' },
      { text: '1.234.567', expected: '1234567' },
      { text: '(1 234,56)', expected: '-1234.56' },
      { text: '12 €', expected: '12' },
      { text: '-12,30 €', expected: '-12.3' },
      { text: '€ 12', expected: '12' },
      { text: '12 EUR', expected: '12' },
      { text: '  42  ', expected: '42' },
      { text: '-0,00', expected: '0' },
      { text: '98 765 432 109 876 543,21', expected: '98765432109876543.21' },
    ])
    .run(({ assert }, { text, expected }) => {
      assert.equal(parseFrenchAmount(text)?.toString(), expected)
    })

  test('returns null for an empty text', ({ assert }) => {
    assert.isNull(parseFrenchAmount(''))
    assert.isNull(parseFrenchAmount('   '))
  })

  test('refuses {text}')
    .with([
      { text: '1,2,3', reason: 'plusieurs virgules' },
      { text: 'abc', reason: 'caractères non reconnus' },
      { text: '1.234', reason: 'séparateur ambigu' },
      { text: '1,234.56', reason: 'séparateurs ambigus' },
      { text: '12 34,5', reason: 'séparateur de milliers mal placé' },
      { text: '1.234 567,8', reason: 'séparateur de milliers mal placé' },
      { text: '12.', reason: 'séparateurs mal placés' },
      { text: '12,', reason: 'caractères non reconnus' },
      { text: '1e5', reason: 'caractères non reconnus' },
      { text: '(-12)', reason: 'signe en double' },
      { text: '--12', reason: 'caractères non reconnus' },
      { text: '€', reason: 'aucun chiffre' },
    ])
    .run(({ assert }, { text, reason }) => {
      assert.throws(() => parseFrenchAmount(text), `montant invalide : « ${text} » (${reason}`)
    })
})

test.group('Money / Lucid column', () => {
  test('prepares amounts as fixed two-decimal strings', ({ assert }) => {
    assert.equal(moneyColumnOptions.prepare(toMoney('12.5')), '12.50')
    assert.equal(moneyColumnOptions.prepare('-3'), '-3.00')
    assert.isNull(moneyColumnOptions.prepare(null))
    assert.isNull(moneyColumnOptions.prepare(undefined))
  })

  test('refuses to store an amount that is not rounded to the cent', ({ assert }) => {
    assert.throws(() => moneyColumnOptions.prepare(toMoney('1.005')), /non arrondi au centime/)
  })

  test('consumes database strings as exact Decimals', ({ assert }) => {
    const amount = moneyColumnOptions.consume('98765432109876543.21')
    assert.isTrue(Decimal.isDecimal(amount))
    assert.equal(amount?.toFixed(2), '98765432109876543.21')
    assert.isNull(moneyColumnOptions.consume(null))
  })
})

test.group('Money / zero and optional values', () => {
  test('ZERO is a Money zero: 40 digits and no exponent notation', ({ assert }) => {
    assert.isTrue(ZERO.isZero())
    assert.equal(ZERO.plus(1).div(3).precision(), 40)
    assert.equal(ZERO.plus('0.0000001').toString(), '0.0000001')
    // The default Decimal configuration the helpers replace: 20 digits, exponent notation.
    assert.equal(new Decimal(1).div(3).precision(), 20)
    assert.equal(new Decimal('0.0000001').toString(), '1e-7')
  })

  test('toMoney gives a default-configured Decimal the Money configuration', ({ assert }) => {
    assert.equal(toMoney(new Decimal(1)).div(3).precision(), 40)
  })

  test('moneyOrZero reads missing values as zero', ({ assert }) => {
    assert.equal(moneyOrZero(null).toString(), '0')
    assert.equal(moneyOrZero(undefined).toString(), '0')
    assert.equal(moneyOrZero('-12.50').toString(), '-12.5')
    assert.equal(moneyOrZero(0.1).toString(), '0.1')
    assert.equal(moneyOrZero(new Decimal('7.25')).toString(), '7.25')
    assert.equal(moneyOrZero('2').div(3).precision(), 40)
    assert.throws(() => moneyOrZero('12,50'), /montant invalide/)
    assert.throws(() => moneyOrZero(Number.NaN), InvalidAmountError)
  })

  test('moneyOrNull keeps missing values missing', ({ assert }) => {
    assert.isNull(moneyOrNull(null))
    assert.isNull(moneyOrNull(undefined))
    assert.equal(moneyOrNull('0')?.toString(), '0')
    assert.equal(moneyOrNull('1234.56')?.toFixed(2), '1234.56')
    assert.equal(moneyOrNull(3)?.div(7).precision(), 40)
    assert.throws(() => moneyOrNull('1e5'), /montant invalide/)
  })
})
