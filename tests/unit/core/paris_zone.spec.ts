import { test } from '@japa/runner'
import { DateTime, IANAZone, Settings } from 'luxon'
import { APPLICATION_ZONE, KeptOffsetsZone } from '#support/paris_zone'

const MINUTE = 60_000

test.group('The application zone keeps its offsets per hour', () => {
  test('gives Intl’s offset at every minute around both 2023 transitions', ({ assert }) => {
    const kept = new KeptOffsetsZone(APPLICATION_ZONE)
    const plain = new IANAZone(APPLICATION_ZONE)
    for (const around of [Date.UTC(2023, 2, 26, 1), Date.UTC(2023, 9, 29, 1)]) {
      for (let ts = around - 180 * MINUTE; ts <= around + 180 * MINUTE; ts += MINUTE) {
        // Twice: the first call computes and keeps the hour, the second reads it.
        assert.equal(kept.offset(ts), plain.offset(ts), new Date(ts).toISOString())
        assert.equal(kept.offset(ts), plain.offset(ts), new Date(ts).toISOString())
      }
    }
    assert.equal(kept.offset(Date.UTC(2023, 2, 26, 0, 59)), 60)
    assert.equal(kept.offset(Date.UTC(2023, 2, 26, 1, 0)), 120)
  })

  test('computes instants before 1980 as Intl does', ({ assert }) => {
    const kept = new KeptOffsetsZone(APPLICATION_ZONE)
    const plain = new IANAZone(APPLICATION_ZONE)
    for (const ts of [Date.UTC(1911, 2, 10, 23, 55), Date.UTC(1945, 3, 2, 1, 30), -1]) {
      assert.equal(kept.offset(ts), plain.offset(ts))
    }
  })

  test('is the zone of the application’s dates, and equals the plain zone', ({ assert }) => {
    assert.instanceOf(Settings.defaultZone, KeptOffsetsZone)
    const summer = DateTime.fromSQL('2023-07-14')
    assert.equal(summer.zoneName, APPLICATION_ZONE)
    assert.equal(summer.toISO(), '2023-07-14T00:00:00.000+02:00')
    assert.isTrue(summer.zone.equals(new IANAZone(APPLICATION_ZONE)))
  })

  test('is the zone luxon gives for its name, with the same instants and days', ({ assert }) => {
    const named = DateTime.fromISO('2023-03-26T01:30:00Z').setZone(APPLICATION_ZONE)
    assert.instanceOf(named.zone, KeptOffsetsZone)
    assert.instanceOf(
      DateTime.fromSQL('2023-10-29', { zone: APPLICATION_ZONE }).zone,
      KeptOffsetsZone
    )
    assert.equal(named.toISO(), '2023-03-26T03:30:00.000+02:00')
    assert.equal(named.startOf('day').toISO(), '2023-03-26T00:00:00.000+01:00')
    assert.equal(
      DateTime.fromSQL('2023-10-29', { zone: APPLICATION_ZONE }).plus({ hours: 3 }).toISO(),
      '2023-10-29T02:00:00.000+01:00'
    )
    // Other zones are luxon's own.
    assert.notInstanceOf(DateTime.now().setZone('America/New_York').zone, KeptOffsetsZone)
  })
})
