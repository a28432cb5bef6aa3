import { test } from '@japa/runner'
import { scoreLine } from '#reports/quality/labellisation_score'

const counts = (total: number, validated: number, notApplicable = 0, dueByDeadline = 0) => ({
  total,
  validated,
  notApplicable,
  dueByDeadline,
})

test.group('Labellisation score (hand-made cases)', () => {
  test('26 of 35 validated is 74,3 %: two more reach the 80 % threshold', ({ assert }) => {
    const line = scoreLine(counts(35, 26), 80)
    assert.equal(line.applicable, 35)
    assert.equal(line.ratio!.toFixed(4), '0.7429')
    assert.isFalse(line.reached)
    assert.equal(line.gap, 2)
  })

  test('exactly 80 % reaches the threshold', ({ assert }) => {
    const line = scoreLine(counts(35, 28), 80)
    assert.equal(line.ratio!.toFixed(2), '0.80')
    assert.isTrue(line.reached)
    assert.equal(line.gap, 0)
  })

  test('not applicable criteria leave the denominator', ({ assert }) => {
    // 26 validated of 35, 3 not applicable: 26 / 32 = 81,25 %, reached.
    const line = scoreLine(counts(35, 26, 3), 80)
    assert.equal(line.applicable, 32)
    assert.equal(line.ratio!.toFixed(4), '0.8125')
    assert.isTrue(line.reached)
    // 24 / 32 = 75 %: ceil(0.8 x 32) = 26 needed, 2 missing.
    const short = scoreLine(counts(35, 24, 3), 80)
    assert.equal(short.gap, 2)
    assert.isFalse(short.reached)
  })

  test('the gap rounds up: 80 % of 7 criteria needs 6', ({ assert }) => {
    assert.equal(scoreLine(counts(7, 5), 80).gap, 1)
    assert.isFalse(scoreLine(counts(7, 5), 80).reached)
    assert.isTrue(scoreLine(counts(7, 6), 80).reached)
  })

  test('a decimal threshold is exact (66,67 % of 3 needs 3)', ({ assert }) => {
    assert.equal(scoreLine(counts(3, 2), '66.67' as unknown as number).gap, 1)
  })

  test('projection counts criteria due before the deadline', ({ assert }) => {
    const line = scoreLine(counts(35, 26, 0, 7), 80)
    assert.equal(line.projectedRatio!.toFixed(4), '0.9429')
    assert.isTrue(line.projectedReached)
    assert.isFalse(scoreLine(counts(35, 26, 0, 1), 80).projectedReached)
  })

  test('everything not applicable: no ratio, not reached', ({ assert }) => {
    const line = scoreLine(counts(4, 0, 4), 80)
    assert.equal(line.applicable, 0)
    assert.isNull(line.ratio)
    assert.isFalse(line.reached)
    assert.equal(line.gap, 0)
  })
})
