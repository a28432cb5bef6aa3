import { test } from '@japa/runner'
import { DateTime, FixedOffsetZone, Settings } from 'luxon'
import { calendarDay } from '#support/calendar_date'

test.group('calendarDay reads a date column as DateTime.fromSQL does', () => {
  test('same instant and zone on ordinary days, transitions, leap days and year ends', ({
    assert,
  }) => {
    const days = [
      '2023-01-01',
      '2023-03-26',
      '2023-10-29',
      '2024-02-29',
      '1975-06-15',
      '2099-12-31',
    ]
    for (const iso of days) {
      const read = calendarDay(iso)
      const parsed = DateTime.fromSQL(iso)
      assert.isTrue(read.isValid, iso)
      assert.equal(read.toMillis(), parsed.toMillis(), iso)
      assert.equal(read.zoneName, parsed.zoneName, iso)
      assert.equal(read.toISODate(), iso)
    }
  })

  test('a day read twice is the same date; a change of default zone makes it again', ({
    assert,
  }) => {
    const first = calendarDay('2023-06-30')
    assert.strictEqual(calendarDay('2023-06-30'), first)
    const zone = Settings.defaultZone
    try {
      Settings.defaultZone = FixedOffsetZone.instance(-600)
      const elsewhere = calendarDay('2023-06-30')
      assert.notStrictEqual(elsewhere, first)
      assert.equal(elsewhere.offset, -600)
      assert.equal(elsewhere.toISODate(), '2023-06-30')
    } finally {
      Settings.defaultZone = zone
    }
    assert.equal(calendarDay('2023-06-30').toMillis(), first.toMillis())
    assert.equal(calendarDay('2023-06-30').zoneName, first.zoneName)
  })
})
