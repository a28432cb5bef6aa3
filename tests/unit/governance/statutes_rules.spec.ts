import { test } from '@japa/runner'
import { Decimal } from 'decimal.js'
import { tally } from '#models/governance/resolution'
import {
  applyAttendanceChanges,
  mayVote,
  type AttendanceState,
} from '#actions/governance/attendance_rules'

const v = (choice: string, weight: number) => ({
  choice,
  weight: new Decimal(weight),
  deliberative: true,
})

test.group('Casting vote of the president', () => {
  test('a tie is rejected without a casting vote, decided by the president with one', ({
    assert,
  }) => {
    const votes = [v('for', 2), v('against', 2), v('abstention', 1)]
    const base = new Decimal(5)
    const plain = tally(votes, 'simple', base)
    assert.isTrue(plain.tie)
    assert.isFalse(plain.adopted)
    assert.isNull(plain.castingVote)
    assert.include(plain.note!, 'la résolution est rejetée')

    const forIt = tally(votes, 'simple', base, { enabled: true, presidentChoice: 'for' })
    assert.isTrue(forIt.adopted)
    assert.equal(forIt.castingVote, 'for')
    const againstIt = tally(votes, 'simple', base, { enabled: true, presidentChoice: 'against' })
    assert.isFalse(againstIt.adopted)
    assert.equal(againstIt.castingVote, 'against')

    // The setting off, the president's vote counts once, like any other.
    const off = tally(votes, 'simple', base, { enabled: false, presidentChoice: 'for' })
    assert.isFalse(off.adopted)
    assert.isNull(off.castingVote)
    // A president who abstained or did not vote decides nothing.
    for (const presidentChoice of ['abstention', null]) {
      const none = tally(votes, 'simple', base, { enabled: true, presidentChoice })
      assert.isFalse(none.adopted)
      assert.isNull(none.castingVote)
      assert.include(none.note!, "le président n'a voté ni pour ni contre")
    }
  })

  test('no tie, no casting vote; only the simple majority knows ties', ({ assert }) => {
    const casting = { enabled: true, presidentChoice: 'against' }
    const clear = tally([v('for', 3), v('against', 2)], 'simple', new Decimal(5), casting)
    assert.isTrue(clear.adopted)
    assert.isFalse(clear.tie)
    assert.isNull(clear.note)
    const absolute = tally([v('for', 2), v('against', 2)], 'absolute', new Decimal(4), {
      enabled: true,
      presidentChoice: 'for',
    })
    assert.isFalse(absolute.adopted)
    assert.isNull(absolute.castingVote)
  })
})

const row = (
  id: number,
  status: string,
  extra: Partial<AttendanceState> = {}
): AttendanceState => ({
  id,
  name: `M${id}`,
  status,
  proxyToId: null,
  alternateForId: null,
  ...extra,
})

test.group('Attendance list with alternates', () => {
  const rules = { proxyCap: 1, voted: new Set<number>() }

  test('an alternate votes only while sitting in for a substituted titular', ({ assert }) => {
    const rows = [row(1, 'absent'), row(2, 'absent', { alternateForId: 1 }), row(3, 'absent')]
    const next = applyAttendanceChanges(
      rows,
      [
        { attendanceId: 2, status: 'present' },
        { attendanceId: 1, status: 'substituted' },
        { attendanceId: 3, status: 'represented', proxyToId: 2 },
      ],
      rules
    )
    const byId = new Map(next.map((r) => [r.id, r]))
    assert.isTrue(mayVote(byId.get(2)!, byId))
    assert.isFalse(mayVote(byId.get(1)!, byId))
    assert.equal(byId.get(3)!.proxyToId, 2)

    const present = applyAttendanceChanges(
      rows,
      [
        { attendanceId: 1, status: 'present' },
        { attendanceId: 2, status: 'present' },
      ],
      rules
    )
    const presentById = new Map(present.map((r) => [r.id, r]))
    assert.isTrue(mayVote(presentById.get(1)!, presentById))
    assert.isFalse(mayVote(presentById.get(2)!, presentById))
  })

  test('the list is checked as it will stand, whatever the order of its rows', ({ assert }) => {
    const rows = [row(1, 'absent'), row(2, 'absent', { alternateForId: 1 })]
    assert.throws(
      () => applyAttendanceChanges(rows, [{ attendanceId: 1, status: 'substituted' }], rules),
      'M1 ne peut être représenté par son suppléant que si celui-ci (M2) est présent.'
    )
    assert.throws(
      () => applyAttendanceChanges(rows, [{ attendanceId: 2, status: 'substituted' }], rules),
      /est suppléant/
    )
    assert.throws(
      () =>
        applyAttendanceChanges(
          [row(3, 'absent')],
          [{ attendanceId: 3, status: 'substituted' }],
          rules
        ),
      "M3 n'a pas de suppléant convoqué à cette séance."
    )
    const voted = { proxyCap: 1, voted: new Set([2]) }
    const sitting = [row(1, 'substituted'), row(2, 'present', { alternateForId: 1 })]
    assert.throws(
      () => applyAttendanceChanges(sitting, [{ attendanceId: 1, status: 'present' }], voted),
      'Le suppléant de M1 a déjà voté à sa place : la présence du titulaire ne peut plus changer.'
    )
    assert.throws(
      () => applyAttendanceChanges(sitting, [{ attendanceId: 2, status: 'absent' }], voted),
      /M2 a déjà voté|siège à la place de M1/
    )
  })
})
