import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiResponse } from '@japa/api-client'
import { formatMoney } from '#support/french_format'
import { demoOrganisation, inspecting, isolated, makeOrganisation, makeUser } from '#tests/helpers'
import { makeGrant } from '#tests/functional/grants/fixtures'

/*
 * The board portal's « financements attendus sous 12 mois » and overdue amounts (issue #14),
 * read from the page as a board member sees it, against a query written here over instalments,
 * receipts and their matching, net of cancelled rows, at a fixed day.
 */

/**
 * Per instalment (not cancelled, of a convention neither refused, cancelled nor closed): what the
 * receipts received by the day (not cancelled) and matched to it pay, capped at its amount; then
 * what the rest of the convention's receipts pays of it, oldest instalment first. Awaited: due
 * from the day to 12 months later; overdue: due before the day.
 */
async function independent(organisationId: number, day: string) {
  const { rows } = await db.rawQuery(
    `WITH s AS (
       SELECT s.id, s.grant_id, s.expected_on, s.amount,
              least(s.amount, (SELECT coalesce(sum(a.amount), 0)
                 FROM grant_receipt_allocations a JOIN grant_receipts r ON r.id = a.receipt_id
                WHERE a.schedule_id = s.id AND r.cancelled_at IS NULL
                  AND r.received_on <= CAST(:day AS date))) AS matched
         FROM grant_payment_schedules s JOIN grants g ON g.id = s.grant_id
        WHERE s.organisation_id = :org AND s.cancelled_at IS NULL
          AND g.status NOT IN ('refused', 'cancelled', 'closed')
     ), free AS (
       SELECT g.grant_id,
              (SELECT coalesce(sum(r.amount), 0) FROM grant_receipts r
                WHERE r.grant_id = g.grant_id AND r.cancelled_at IS NULL
                  AND r.received_on <= CAST(:day AS date)) - sum(g.matched) AS amount
         FROM s g GROUP BY g.grant_id
     ), left_over AS (
       SELECT s.expected_on,
              (s.amount - s.matched) - least(s.amount - s.matched, greatest(0, f.amount -
                (SELECT coalesce(sum(b.amount - b.matched), 0) FROM s b
                  WHERE b.grant_id = s.grant_id
                    AND (b.expected_on < s.expected_on OR (b.expected_on = s.expected_on AND b.id < s.id))))) AS remaining
         FROM s JOIN free f ON f.grant_id = s.grant_id
     )
     SELECT coalesce(sum(remaining) FILTER (WHERE expected_on >= CAST(:day AS date)
              AND expected_on <= CAST(:day AS date) + interval '12 months'), 0)::numeric(15,2)::text AS awaited,
            count(*) FILTER (WHERE remaining > 0 AND expected_on >= CAST(:day AS date)
              AND expected_on <= CAST(:day AS date) + interval '12 months')::int AS awaited_count,
            coalesce(sum(remaining) FILTER (WHERE expected_on < CAST(:day AS date)), 0)::numeric(15,2)::text AS overdue,
            count(*) FILTER (WHERE remaining > 0 AND expected_on < CAST(:day AS date))::int AS overdue_count
       FROM left_over`,
    { org: organisationId, day }
  )
  return rows[0] as {
    awaited: string
    awaited_count: number
    overdue: string
    overdue_count: number
  }
}

/** The two cards of the portal: amount and count as the page prints them. */
function cards(response: ApiResponse) {
  const text = response.text()
  const card = (id: string) => text.split(`id="${id}"`)[1].split('</div>\n')[0]
  return { awaited: card('financements-attendus'), overdue: card('financements-en-retard') }
}

function assertCards(
  assert: import('@japa/assert').Assert,
  response: ApiResponse,
  expected: Awaited<ReturnType<typeof independent>>,
  day: string
) {
  response.assertStatus(200)
  const { awaited, overdue } = cards(response)
  assert.include(awaited, `<div class="kpi">${formatMoney(expected.awaited)}</div>`, day)
  assert.include(awaited, `(${expected.awaited_count} versement(s), reste à recevoir)`, day)
  assert.include(overdue, `<div class="kpi">${formatMoney(expected.overdue)}</div>`, day)
  assert.include(overdue, `(${expected.overdue_count} échéance(s) passée(s)`, day)
}

const cancel = (table: string, id: number) =>
  db
    .from(table)
    .where('id', id)
    .update({ cancelled_at: new Date(), cancelled_actor: 'test', cancel_reason: 'Saisie erronée' })

test.group(
  'Board portal: awaited and overdue funding against an independent query, overdue deadlines',
  (group) => {
    isolated(group)
    group.each.timeout(180_000)

    test('grouped, partial and unmatched receipts, cancelled rows, a refused convention and another organisation', async ({
      assert,
      client,
    }) => {
      const organisation = await makeOrganisation('Portail des montants')
      const instalments = async (grantId: number, lines: Array<[string, string, string]>) =>
        (
          await db
            .table('grant_payment_schedules')
            .multiInsert(
              lines.map(([kind, expectedOn, amount]) => ({
                organisation_id: organisation.id,
                grant_id: grantId,
                kind,
                expected_on: expectedOn,
                amount,
              }))
            )
            .returning('id')
        ).map((r: { id: number }) => r.id)
      const receipt = async (grantId: number, receivedOn: string, amount: string) =>
        (
          await db
            .table('grant_receipts')
            .insert({
              organisation_id: organisation.id,
              grant_id: grantId,
              received_on: receivedOn,
              amount,
            })
            .returning('id')
        )[0].id as number
      const allocate = (receiptId: number, scheduleId: number, amount: string) =>
        db.table('grant_receipt_allocations').insert({
          organisation_id: organisation.id,
          receipt_id: receiptId,
          schedule_id: scheduleId,
          amount,
        })

      // Convention 1: one receipt of 45 000 matched to the advance (30 000) and to 10 000 of the
      // June instalment, its 5 000 left paying the June instalment too; a receipt cancelled, an
      // instalment cancelled, a receipt after the day.
      const one = await makeGrant(organisation, 'PORTAIL-1', '100000')
      const [advance, june, july] = await instalments(one.id, [
        ['advance', '2024-01-15', '30000.00'],
        ['instalment', '2024-06-30', '40000.00'],
        ['instalment', '2024-07-31', '10000.00'],
        ['balance', '2025-03-31', '20000.00'],
      ])
      const grouped = await receipt(one.id, '2024-02-10', '45000.00')
      await allocate(grouped, advance, '30000.00')
      await allocate(grouped, june, '10000.00')
      await cancel('grant_payment_schedules', july)
      await cancel('grant_receipts', await receipt(one.id, '2024-03-01', '20000.00'))
      await receipt(one.id, '2024-10-01', '5000.00')
      // Convention 2: 12 000 matched to the November instalment pay it first; the August one is late.
      const two = await makeGrant(organisation, 'PORTAIL-2', '50000')
      const [, november] = await instalments(two.id, [
        ['advance', '2024-08-01', '20000.00'],
        ['instalment', '2024-11-30', '20000.00'],
        ['balance', '2025-10-31', '10000.00'],
      ])
      await allocate(await receipt(two.id, '2024-08-20', '12000.00'), november, '12000.00')
      // A refused convention awaits nothing; neither does another organisation.
      const refused = await makeGrant(organisation, 'PORTAIL-REFUSEE', '15000')
      await instalments(refused.id, [['advance', '2024-05-01', '15000.00']])
      await db.from('grants').where('id', refused.id).update({ status: 'refused' })
      const other = await makeOrganisation('Autre association')
      const theirs = await makeGrant(other, 'AUTRE', '99999')
      await db.table('grant_payment_schedules').insert({
        organisation_id: other.id,
        grant_id: theirs.id,
        kind: 'advance',
        expected_on: '2024-05-01',
        amount: '99999.00',
      })

      // By hand on 1 September 2024: late, 25 000 of June (40 000 − 10 000 matched − 5 000 left
      // over) and the 20 000 of August; awaited, the 20 000 balance of March 2025 and 8 000 of
      // November; the October 2025 balance is beyond 12 months.
      const expected = await inspecting(() => independent(organisation.id, '2024-09-01'))
      assert.deepEqual(expected, {
        awaited: '28000.00',
        awaited_count: 2,
        overdue: '45000.00',
        overdue_count: 2,
      })
      const board = await makeUser(organisation, ['board'])
      assertCards(
        assert,
        await client.get('/gouvernance/portail?date=2024-09-01').actingAs(board),
        expected,
        '2024-09-01'
      )

      // Other days: before any receipt, and after the October receipt.
      for (const day of ['2024-01-20', '2024-10-15']) {
        const at = await inspecting(() => independent(organisation.id, day))
        assertCards(
          assert,
          await client.get(`/gouvernance/portail?date=${day}`).actingAs(board),
          at,
          day
        )
      }
      assert.deepEqual(await inspecting(() => independent(organisation.id, '2024-10-15')), {
        // June's 25 000 less the 5 000 of October, August's 20 000; March 2025 and November.
        awaited: '28000.00',
        awaited_count: 2,
        overdue: '40000.00',
        overdue_count: 2,
      })
    })

    test('on the demo, the portal’s cards equal the independent query on several days', async ({
      assert,
      client,
    }) => {
      const organisation = await demoOrganisation()
      const board = await makeUser(organisation, ['board'])
      for (const day of ['2023-03-01', '2023-12-31', '2024-09-01', '2025-07-01']) {
        const expected = await inspecting(() => independent(organisation.id, day))
        assertCards(
          assert,
          await client.get(`/gouvernance/portail?date=${day}`).actingAs(board),
          expected,
          day
        )
      }
      // The FSE+ advance is late on 1 September 2024 for what the 191 122,38 € received left.
      const september = await inspecting(() => independent(organisation.id, '2024-09-01'))
      assert.equal(september.overdue, '4957773.32')
      assert.equal(september.awaited, '4320171.72')
    })

    test('on the demo, the portal sets the 71 deadlines of April 2024 apart: beyond 90 days, upcoming, then overdue', async ({
      assert,
      client,
    }) => {
      const organisation = await demoOrganisation()
      const board = await makeUser(organisation, ['board'])
      const lists = async (day: string) => {
        const page = await client.get(`/gouvernance/portail?date=${day}`).actingAs(board)
        page.assertStatus(200)
        const text = page.text()
        const count = (id: string) =>
          Number(text.split(`id="${id}">`)[1].split('(')[1].split(')')[0])
        return {
          card: Number(
            text
              .split('bilan(s) et demande(s) de solde en retard')[0]
              .split('<div class="kpi">')
              .pop()!
              .split('<')[0]
          ),
          overdue: count('echeances-en-retard'),
          upcoming: count('echeances-a-venir'),
        }
      }
      // 15 January: 30 April is 106 days ahead, in neither list.
      assert.deepEqual(await lists('2024-01-15'), { card: 0, overdue: 0, upcoming: 0 })
      // 1 March: due within 90 days, not late.
      assert.deepEqual(await lists('2024-03-01'), { card: 0, overdue: 0, upcoming: 71 })
      // 30 April: due today, not late yet.
      assert.deepEqual(await lists('2024-04-30'), { card: 0, overdue: 0, upcoming: 71 })
      // 1 May: all 71 late, none left among the upcoming ones.
      assert.deepEqual(await lists('2024-05-01'), { card: 71, overdue: 71, upcoming: 0 })
    })
  }
)
