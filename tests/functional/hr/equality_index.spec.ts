import { test } from '@japa/runner'
import { isolated } from '#tests/helpers'
import EqualityIndexReport from '#reports/hr/equality_index'
import { seededHrOrganisation } from './helpers.js'

test.group('HR | equality index of the demo', (group) => {
  isolated(group)

  test('2023 gives 92/100 from the register, as the report says', async ({ assert }) => {
    const { organisation, rapport } = await seededHrOrganisation()
    const index = await new EqualityIndexReport(organisation.id, '2023-01-01', '2023-12-31').build()
    assert.equal(index.index, rapport.hr.gender_equality_index.score)
    assert.deepEqual(
      index.indicators.map((i) => i.points),
      [37, 35, 15, 5]
    )
    assert.isTrue(index.indicators.every((i) => i.calculable))
    assert.isFalse(index.correctiveMeasures)
    assert.isFalse(index.progressionObjectives)
  })
})
