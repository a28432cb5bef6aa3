import { test } from '@japa/runner'
import { staffCostMasks } from '#reports/hr/staff_cost_privacy'
import type { Role } from '#policies/role_matrix'

const reader = (...roles: Role[]) => ({ organisationId: 1, userId: null, label: 'test', roles })

test.group('Staff costs of fewer than three people (issue #14)', () => {
  test('a line of one or two people is reserved; the total too while the reserved lines hold fewer than three people together', ({
    assert,
  }) => {
    const board = reader('board')
    // One line of one person: the total minus the other line gives it back.
    assert.deepEqual(staffCostMasks(board, [[1], [2, 3, 4]]), {
      lines: [true, false],
      total: true,
    })
    // Two reserved lines of the same two people: their sum is still those two people's pay.
    assert.deepEqual(staffCostMasks(board, [[1, 2], [1], [3, 4, 5]]), {
      lines: [true, true, false],
      total: true,
    })
    // Reserved lines of three people together: the total stays.
    assert.deepEqual(staffCostMasks(board, [[1], [2, 3], [4, 5, 6]]), {
      lines: [true, true, false],
      total: false,
    })
    // No people (no cost): nothing to reserve.
    assert.deepEqual(staffCostMasks(board, [[], [1, 2, 3]]), {
      lines: [false, false],
      total: false,
    })
  })

  test('hr and admin see every figure; finance and a reader without roles do not', ({ assert }) => {
    for (const roles of [['hr'], ['admin']] as Role[][])
      assert.deepEqual(staffCostMasks(reader(...roles), [[1]]), { lines: [false], total: false })
    assert.deepEqual(staffCostMasks(reader('finance', 'direction'), [[1]]).lines, [true])
    assert.deepEqual(
      staffCostMasks({ organisationId: 1, userId: null, label: 'job' }, [[1]]).lines,
      [true]
    )
  })
})
