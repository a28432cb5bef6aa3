import { test } from '@japa/runner'
import { DateTime } from 'luxon'
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
})
