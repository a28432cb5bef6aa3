import { test } from '@japa/runner'
import { Decimal } from 'decimal.js'
import { DateTime } from 'luxon'
import {
  InvalidDateError,
  excelSerialToIsoDate,
  formatDate,
  formatMoney,
  formatNumber,
  formatPercent,
  parseFrenchDate,
  toIsoCalendarDate,
} from '../../../app/support/french_format.js'

// Intl fr-FR: U+202F (narrow no-break space) groups thousands, U+00A0 precedes € and %.
const NNBSP = '\u202F'
const NBSP = '\u00A0'

test.group('French format / numbers', () => {
  test('formats amounts in euros', ({ assert }) => {
    assert.equal(formatMoney(new Decimal('1234567.891')), `1${NNBSP}234${NNBSP}567,89${NBSP}€`)
    assert.equal(formatMoney('-1234.5'), `-1${NNBSP}234,50${NBSP}€`)
    assert.equal(formatMoney(0), `0,00${NBSP}€`)
    assert.equal(formatMoney('1234567.5', { cents: false }), `1${NNBSP}234${NNBSP}568${NBSP}€`)
  })

  test('rounds half away from zero and never shows -0', ({ assert }) => {
    assert.equal(formatMoney('2.675'), `2,68${NBSP}€`)
    assert.equal(formatMoney('-0.005'), `-0,01${NBSP}€`)
    assert.equal(formatMoney('-0.004'), `0,00${NBSP}€`)
  })

  test('keeps every digit of amounts beyond the float range', ({ assert }) => {
    assert.equal(
      formatMoney('123456789012345678901.125'),
      `123${NNBSP}456${NNBSP}789${NNBSP}012${NNBSP}345${NNBSP}678${NNBSP}901,13${NBSP}€`
    )
  })

  test('formats numbers', ({ assert }) => {
    assert.equal(formatNumber(1234.5), `1${NNBSP}234,5`)
    assert.equal(formatNumber(new Decimal('1234.5678'), 2), `1${NNBSP}234,57`)
    assert.equal(formatNumber(0.1), '0,1')
    assert.equal(formatNumber(42, 0), '42')
    assert.equal(formatNumber(new Decimal('-2.5'), 0), '-3')
  })

  test('formats ratios as percentages', ({ assert }) => {
    assert.equal(formatPercent(0.125), `12,5${NBSP}%`)
    assert.equal(formatPercent(new Decimal('0.12345'), 2), `12,35${NBSP}%`)
    assert.equal(formatPercent(1), `100,0${NBSP}%`)
    assert.equal(formatPercent(-0.0004), `0,0${NBSP}%`)
  })
})

test.group('French format / dates', () => {
  test('formats a YYYY-MM-DD string without any timezone shift', ({ assert }) => {
    assert.equal(formatDate('2023-12-31'), '31/12/2023')
    assert.equal(formatDate('2024-03-31'), '31/03/2024')
    assert.equal(formatDate('2024-10-27'), '27/10/2024')
  })

  test('formats instants as their calendar date in Europe/Paris', ({ assert }) => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    assert.equal(formatDate(new Date(Date.UTC(2023, 11, 31, 23, 30))), '01/01/2024')
    assert.equal(
      formatDate(DateTime.fromISO('2024-01-01T00:30:00', { zone: 'Europe/Paris' }).toUTC()),
      '01/01/2024'
    )
    assert.equal(formatDate('2024-06-30T22:30:00Z'), '01/07/2024')
    // A DateTime already in Paris is read from its own fields, late evening and early morning.
    assert.equal(
      formatDate(DateTime.fromISO('2024-06-30T23:30:00', { zone: 'Europe/Paris' })),
      '30/06/2024'
    )
    assert.equal(
      formatDate(DateTime.fromISO('2024-07-01T00:30:00', { zone: 'Europe/Paris' })),
      '01/07/2024'
    )
    assert.equal(
      toIsoCalendarDate(DateTime.fromISO('2024-02-29', { zone: 'America/New_York' })),
      '2024-02-29'
    )
  })

  test('refuses an invalid date string', ({ assert }) => {
    assert.throws(() => formatDate('2023-02-30'), /date invalide/)
    assert.throws(() => formatDate('demain'), /date invalide/)
  })

  test('parses {text}')
    .with([
      { text: '31/12/2023', expected: '2023-12-31' },
      { text: '1/2/2023', expected: '2023-02-01' },
      { text: '31.12.2023', expected: '2023-12-31' },
      { text: '31-12-2023', expected: '2023-12-31' },
      { text: ' 29/02/2024 ', expected: '2024-02-29' },
      { text: '31/12/2023 14:30', expected: '2023-12-31' },
      { text: '2023-12-31', expected: '2023-12-31' },
      { text: '2023-12-31T10:00:00', expected: '2023-12-31' },
      { text: '45291', expected: '2023-12-31' },
      { text: '45291.75', expected: '2023-12-31' },
      { text: '45291,75', expected: '2023-12-31' },
    ])
    .run(({ assert }, { text, expected }) => {
      const date = parseFrenchDate(text)
      assert.equal(date.toISODate(), expected)
      assert.equal(date.zoneName, 'Europe/Paris')
      assert.equal(date.toFormat('HH:mm:ss.SSS'), '00:00:00.000')
    })

  test('parses Excel serial numbers across the 1900 leap year bug', ({ assert }) => {
    assert.equal(parseFrenchDate(1).toISODate(), '1900-01-01')
    assert.equal(parseFrenchDate(59).toISODate(), '1900-02-28')
    assert.equal(parseFrenchDate(61).toISODate(), '1900-03-01')
    assert.equal(parseFrenchDate(45292).toISODate(), '2024-01-01')
    assert.equal(excelSerialToIsoDate(2958465), '9999-12-31')
    assert.equal(excelSerialToIsoDate(0, true), '1904-01-01')
    assert.throws(() => parseFrenchDate(60), /29\/02\/1900/)
    assert.throws(() => parseFrenchDate(0), /hors limites/)
    assert.throws(() => parseFrenchDate(2958466), /hors limites/)
  })

  test('refuses {text}')
    .with([
      { text: '31/02/2023', message: 'date invalide : « 31/02/2023 » (jour inexistant)' },
      { text: '12/31/2023', message: 'date invalide : « 12/31/2023 »' },
      { text: '31/12/23', message: 'format attendu : JJ/MM/AAAA' },
      { text: 'abc', message: 'date invalide : « abc »' },
      { text: '2023-13-01', message: 'date invalide : « 2023-13-01 »' },
      { text: '', message: 'date manquante' },
    ])
    .run(({ assert }, { text, message }) => {
      assert.throws(() => parseFrenchDate(text), message)
      try {
        parseFrenchDate(text)
      } catch (error) {
        assert.instanceOf(error, InvalidDateError)
      }
    })
})

test.group('French formats | the layout written out equals Intl fr-FR', () => {
  const intl = (style: 'currency' | 'decimal' | 'percent', digits: number) =>
    new Intl.NumberFormat('fr-FR', {
      style,
      currency: 'EUR',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay: 'negative',
    })
  /** Values of every size and sign, halves included, and some beyond 2^53. */
  function values() {
    const list = ['0', '-0', '-0.001', '0.005', '-0.005', '999.995', '-999.995', '1000', '-1000']
    list.push('12345678901234567890.125', '-98765432109876543210.5', '0.00000001')
    let seed = 7
    const next = () => (seed = (seed * 48271) % 2147483647)
    for (let i = 0; i < 3000; i++) {
      const whole = String(next()).slice(0, 1 + (next() % 10))
      const fraction = String(next()).slice(0, next() % 6)
      list.push(`${next() % 3 === 0 ? '-' : ''}${whole}${fraction ? '.' + fraction : ''}`)
    }
    return list
  }

  test('money, numbers and percentages, every digit count', ({ assert }) => {
    let compared = 0
    for (const text of values()) {
      const value = new Decimal(text)
      for (const digits of [0, 2]) {
        const rounded = value.toFixed(digits, Decimal.ROUND_HALF_UP)
        assert.equal(
          formatMoney(value, { cents: digits === 2 }),
          intl('currency', digits).format(rounded as Intl.StringNumericLiteral),
          text
        )
      }
      for (const digits of [0, 1, 3]) {
        const rounded = value.toFixed(digits, Decimal.ROUND_HALF_UP)
        assert.equal(
          formatNumber(value, digits),
          intl('decimal', digits).format(rounded as Intl.StringNumericLiteral),
          text
        )
        const ratio = value.toFixed(digits + 2, Decimal.ROUND_HALF_UP)
        assert.equal(
          formatPercent(value, digits),
          intl('percent', digits).format(ratio as Intl.StringNumericLiteral),
          text
        )
      }
      compared += 1
    }
    assert.isAbove(compared, 3000)
  })
})

test.group('French formats | the Paris day of an instant', () => {
  test('equals Intl Europe/Paris at every 7 minutes of 2023-2024, and in 1970 and 2090', ({
    assert,
  }) => {
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    const ranges = [
      [Date.UTC(2022, 11, 31), Date.UTC(2025, 0, 1)],
      [Date.UTC(1970, 2, 1), Date.UTC(1970, 3, 1)],
      [Date.UTC(2090, 9, 1), Date.UTC(2090, 10, 1)],
    ]
    let compared = 0
    for (const [from, to] of ranges) {
      for (let time = from; time < to; time += 7 * 60_000) {
        const instant = new Date(time)
        assert.equal(toIsoCalendarDate(instant), intl.format(instant), instant.toISOString())
        compared += 1
      }
    }
    assert.isAbove(compared, 160_000)
  })
})
