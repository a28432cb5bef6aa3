import { test } from '@japa/runner'
import { loadRapport2023 } from '#database/seeders/demo'
import { DEMO_FUNDERS } from '#database/seeders/grants'
import { apportion, demoAdvisers, demoTimePlan, MIN_PEOPLE } from '#database/seeders/demo_time_plan'

const FUNDED = [...new Set(DEMO_FUNDERS.flatMap((f) => f.programmes ?? []))]

test.group('Demo time plan shared by HR and the ledger (issue #14)', () => {
  test('every funded programme has at least three distinct advisers, shares adding to one', async ({
    assert,
  }) => {
    const rapport = await loadRapport2023()
    const plan = demoTimePlan(rapport, [...FUNDED, 'PLIE'])
    assert.lengthOf(plan, demoAdvisers().length)
    const people = new Map<string, Set<string>>()
    for (const adviser of plan) {
      assert.isNotEmpty(adviser.months)
      assert.equal(
        adviser.shares.reduce((sum, s) => sum + Number(s.share), 0),
        1
      )
      for (const { code } of adviser.shares)
        people.set(code, (people.get(code) ?? new Set()).add(adviser.aux))
    }
    // Time goes to the funded programmes only, all of them.
    assert.sameMembers([...people.keys()], FUNDED)
    for (const [code, set] of people) assert.isAtLeast(set.size, MIN_PEOPLE, code)
    // The ledger employees are distinct, S001 upwards.
    assert.equal(new Set(plan.map((a) => a.aux)).size, plan.length)
    assert.equal(plan[0].aux, 'S001')
    // The biggest funding (CEJ) has the most advisers.
    const sizes = [...people.entries()].sort((a, b) => b[1].size - a[1].size)
    assert.equal(sizes[0][0], 'CEJ')
  })

  test('no funded programme among the codes: no time', async ({ assert }) => {
    assert.deepEqual(demoTimePlan(await loadRapport2023(), ['PLIE']), [])
  })

  test('apportionment: the floor holds, the rest in proportion, the count is exact', ({
    assert,
  }) => {
    assert.deepEqual(apportion(10, [70, 20, 10], 2), [6, 2, 2])
    assert.deepEqual(apportion(9, [1, 1, 1], 3), [3, 3, 3])
    assert.deepEqual(apportion(12, [50, 30, 20], 0), [6, 4, 2])
    assert.throws(() => apportion(5, [1, 1], 3))
    assert.throws(() => apportion(9, [1, 0, 1], 3))
  })
})
