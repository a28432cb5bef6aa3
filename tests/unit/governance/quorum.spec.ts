import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation } from '#tests/helpers'
import Meeting from '#models/governance/meeting'
import { smallBoard, attendancesOf, setStatuses, as } from '#tests/functional/governance/helpers'

async function quorum(organisation: any, meeting: Meeting) {
  return as(organisation, () => Meeting.quorumOf(meeting.id))
}

test.group('Quorum', (group) => {
  isolated(group)

  test('exactly at the threshold: reached with "at least", not with "more than"', async ({
    assert,
  }) => {
    for (const comparison of ['gte', 'gt'] as const) {
      const organisation = await makeOrganisation()
      const { meeting } = await smallBoard(organisation, { members: 4, comparison })
      const [a, b] = await attendancesOf(meeting)
      await setStatuses(organisation, meeting, [
        [a, 'present', null],
        [b, 'present', null],
      ])
      const result = await quorum(organisation, meeting)
      assert.equal(result.total.toString(), '4')
      assert.equal(result.counted.toString(), '2')
      assert.equal(result.threshold.toString(), '2')
      assert.equal(result.reached, comparison === 'gte', comparison)
    }
  })

  test('one below the threshold is not reached', async ({ assert }) => {
    const organisation = await makeOrganisation()
    const { meeting } = await smallBoard(organisation, { members: 5 })
    const [a, b] = await attendancesOf(meeting)
    await setStatuses(organisation, meeting, [
      [a, 'present', null],
      [b, 'present', null],
    ])
    assert.isFalse((await quorum(organisation, meeting)).reached)
  })

  test('proxies count only when the statutes say so', async ({ assert }) => {
    for (const countsRepresented of [true, false]) {
      const organisation = await makeOrganisation()
      const { meeting } = await smallBoard(organisation, { members: 4, countsRepresented })
      const [a, b] = await attendancesOf(meeting)
      await setStatuses(organisation, meeting, [
        [a, 'present', null],
        [b, 'represented', a],
      ])
      const result = await quorum(organisation, meeting)
      assert.equal(result.represented.toString(), '1')
      assert.equal(result.reached, countsRepresented)
    }
  })

  test('consultative members never count toward the quorum', async ({ assert }) => {
    const organisation = await makeOrganisation()
    const { meeting } = await smallBoard(organisation, { members: 4, consultative: 2 })
    const ids = await attendancesOf(meeting)
    // ids: 4 deliberative then 2 consultative
    await setStatuses(organisation, meeting, [
      [ids[0], 'present', null],
      [ids[4], 'present', null],
      [ids[5], 'present', null],
    ])
    const result = await quorum(organisation, meeting)
    assert.equal(result.total.toString(), '4')
    assert.equal(result.counted.toString(), '1')
    assert.isFalse(result.reached)
  })

  test('by weighted votes: one heavy member can make the quorum alone', async ({ assert }) => {
    const organisation = await makeOrganisation()
    const { meeting } = await smallBoard(organisation, {
      members: 4,
      basis: 'votes',
      weights: [3, 1, 1, 1],
    })
    const [heavy] = await attendancesOf(meeting)
    await setStatuses(organisation, meeting, [[heavy, 'present', null]])
    const result = await quorum(organisation, meeting)
    assert.equal(result.total.toString(), '6')
    assert.equal(result.counted.toString(), '3')
    assert.isTrue(result.reached)
  })

  test('second convening allows votes without quorum only where the statutes say so', async ({
    assert,
  }) => {
    for (const allowed of [true, false]) {
      const organisation = await makeOrganisation()
      const { meeting } = await smallBoard(organisation, {
        secondConvening: true,
        secondConveningAllowed: allowed,
      })
      const result = await quorum(organisation, meeting)
      assert.isFalse(result.reached)
      assert.equal(result.votingAllowed, allowed)
    }
    assert.isOk(db)
  })
})
