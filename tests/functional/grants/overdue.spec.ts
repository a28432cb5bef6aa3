import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Decimal } from 'decimal.js'
import { ReportingDeadlines } from '#reports/grants/deadlines'
import { AwaitedFunding } from '#reports/grants/awaited'
import { formatMoney } from '#support/french_format'
import {
  asOrganisation,
  demoOrganisation,
  inspecting,
  isolated,
  makeOrganisation,
  makeUser,
  readWorkbook,
} from '#tests/helpers'
import { makeGrant, tenantOf } from '#tests/functional/grants/fixtures'

/** Every test passes its day: nothing depends on the clock. */
const day = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' })

/** Occurrences of a piece of text in a page. */
const occurrences = (text: string, piece: string) => text.split(piece).length - 1

/**
 * What the funders still owe, computed independently of the read model: per instalment, what is
 * left of it once the convention's receipts up to the day have paid the schedule in order of
 * expected date (remaining = clamp(scheduled up to and including it − received, 0, amount)).
 * Valid when no receipt is matched to an instalment (asserted where used).
 */
async function independentAwaited(organisationId: number, iso: string) {
  const { rows } = await db.rawQuery(
    `WITH line AS (
       SELECT s.expected_on,
              least(s.amount, greatest(0,
                (SELECT sum(t.amount) FROM grant_payment_schedules t
                  WHERE t.grant_id = s.grant_id
                    AND (t.expected_on < s.expected_on OR (t.expected_on = s.expected_on AND t.id <= s.id)))
                - (SELECT coalesce(sum(r.amount), 0) FROM grant_receipts r
                    WHERE r.grant_id = s.grant_id AND r.received_on <= CAST(:day AS date)))) AS remaining
         FROM grant_payment_schedules s JOIN grants g ON g.id = s.grant_id
        WHERE s.organisation_id = :org AND g.status NOT IN ('refused', 'cancelled', 'closed'))
     SELECT coalesce(sum(remaining) FILTER (WHERE expected_on >= CAST(:day AS date)
                       AND expected_on <= CAST(:day AS date) + interval '12 months'), 0)::numeric(15,2)::text AS awaited,
            count(*) FILTER (WHERE remaining > 0 AND expected_on >= CAST(:day AS date)
                       AND expected_on <= CAST(:day AS date) + interval '12 months')::int AS awaited_count,
            coalesce(sum(remaining) FILTER (WHERE expected_on < CAST(:day AS date)), 0)::numeric(15,2)::text AS overdue,
            count(*) FILTER (WHERE remaining > 0 AND expected_on < CAST(:day AS date))::int AS overdue_count
       FROM line`,
    { org: organisationId, day: iso }
  )
  return rows[0] as {
    awaited: string
    awaited_count: number
    overdue: string
    overdue_count: number
  }
}

test.group('Grants: overdue reporting deadlines (dashboard, convention, board portal)', (group) => {
  isolated(group)
  // The first test to need the demo seeds it (about 20 s).
  group.each.timeout(180_000)

  test('the demo’s 71 deadlines of April 2024 are upcoming in March and overdue in September, on the three pages', async ({
    assert,
    client,
  }) => {
    const organisation = await demoOrganisation()
    const expected = await inspecting(() =>
      db.rawQuery(
        `SELECT count(*)::int AS n FROM grant_deadlines
          WHERE organisation_id = ? AND done_on IS NULL AND due_on = '2024-04-30'`,
        [organisation.id]
      )
    )
    assert.equal(expected.rows[0].n, 71)

    const march = await asOrganisation(organisation, () =>
      new ReportingDeadlines(tenantOf(organisation), { today: day('2024-03-01') }).build()
    )
    assert.lengthOf(march.overdue, 0)
    assert.lengthOf(march.upcoming, 71)
    assert.isTrue(march.upcoming.every((d) => d.daysLate === -60 && d.dueOn === '2024-04-30'))

    const september = await asOrganisation(organisation, () =>
      new ReportingDeadlines(tenantOf(organisation), { today: day('2024-09-01') }).build()
    )
    assert.lengthOf(september.overdue, 71)
    assert.lengthOf(september.upcoming, 0)
    // 30 April to 1 September 2024: 1 + 31 + 30 + 31 + 31 days.
    assert.isTrue(september.overdue.every((d) => d.daysLate === 124))
    assert.sameMembers(
      september.overdue.map((d) => d.kind),
      [...Array(58).fill('final_report'), ...Array(13).fill('interim_report')]
    )
    assert.isTrue(september.overdue.every((d) => d.funder && d.reference))

    // Grants dashboard (finance): both lists, each row linked to its convention.
    const finance = await makeUser(organisation, ['finance'])
    const dashboard = await client.get('/financements?date=2024-09-01').actingAs(finance)
    dashboard.assertStatus(200)
    const page = dashboard.text()
    assert.include(page, 'Échéances en retard (71)')
    assert.include(page, 'Échéances à venir sous 90 jours (0)')
    assert.equal(occurrences(page, 'en retard de 124 j'), 71)
    for (const d of september.overdue) {
      assert.include(page, `<a href="/financements/conventions/${d.grantId}">${d.reference}</a>`)
    }
    const workbook = await readWorkbook(
      await client.get('/financements/tableau-de-bord.xlsx?date=2024-09-01').actingAs(finance)
    )
    const sheet = workbook.getWorksheet('Échéances en retard')!
    assert.equal(sheet.actualRowCount, 1 + 71)
    assert.equal(sheet.getRow(2).getCell(6).value, 124)
    const before = await client.get('/financements?date=2024-03-01').actingAs(finance)
    assert.include(before.text(), 'Échéances en retard (0)')
    assert.include(before.text(), 'Échéances à venir sous 90 jours (71)')

    // Convention page (finance): its own deadline.
    const one = september.overdue[0]
    const convention = await client
      .get(`/financements/conventions/${one.grantId}?date=2024-09-01`)
      .actingAs(finance)
    convention.assertStatus(200)
    assert.include(convention.text(), 'Échéances en retard (1)')
    assert.equal(occurrences(convention.text(), 'en retard de 124 j'), 1)

    // Board portal: the same lists, linked to the conventions (board members may read grants).
    const board = await makeUser(organisation, ['board'])
    const portal = await client.get('/gouvernance/portail?date=2024-09-01').actingAs(board)
    portal.assertStatus(200)
    assert.include(portal.text(), 'Échéances en retard (71)')
    assert.equal(occurrences(portal.text(), 'en retard de 124 j'), 71)
    assert.include(
      portal.text(),
      `<a href="/financements/conventions/${one.grantId}">${one.reference}</a>`
    )
  })

  test('a deadline done, one of a cancelled convention and one beyond 90 days are left out', async ({
    assert,
    client,
  }) => {
    const organisation = await makeOrganisation()
    const grant = await makeGrant(organisation, 'RAPPORTS')
    const cancelled = await makeGrant(organisation, 'ANNULEE')
    await db.from('grants').where('id', cancelled.id).update({ status: 'cancelled' })
    const deadline = (
      grantId: number,
      kind: string,
      label: string,
      due: string,
      done?: string
    ) => ({
      organisation_id: organisation.id,
      grant_id: grantId,
      kind,
      label,
      due_on: due,
      done_on: done ?? null,
    })
    await db
      .table('grant_deadlines')
      .multiInsert([
        deadline(grant.id, 'interim_report', 'Bilan intermédiaire 2023', '2024-05-01'),
        deadline(grant.id, 'final_report', 'Bilan déjà envoyé', '2024-04-01', '2024-03-28'),
        deadline(grant.id, 'balance_request', 'Demande de solde', '2024-08-30'),
        deadline(grant.id, 'final_report', 'Bilan final', '2025-03-31'),
        deadline(cancelled.id, 'final_report', 'Bilan de la convention annulée', '2024-02-01'),
      ])
    const today = day('2024-06-01')
    const all = await asOrganisation(organisation, () =>
      new ReportingDeadlines(tenantOf(organisation), { today }).build()
    )
    assert.deepEqual(
      all.overdue.map((d) => [d.label, d.kind, d.dueOn, d.daysLate, d.funder]),
      [['Bilan intermédiaire 2023', 'interim_report', '2024-05-01', 31, 'Région RAPPORTS']]
    )
    assert.deepEqual(
      all.upcoming.map((d) => [d.label, d.kind, d.dueOn, d.daysLate]),
      [['Demande de solde', 'balance_request', '2024-08-30', -90]]
    )
    const mine = await asOrganisation(organisation, () =>
      new ReportingDeadlines(tenantOf(organisation), { today, grantId: cancelled.id }).build()
    )
    assert.lengthOf(mine.overdue, 0)

    const finance = await makeUser(organisation, ['finance'])
    const page = await client
      .get(`/financements/conventions/${grant.id}?date=2024-06-01`)
      .actingAs(finance)
    page.assertStatus(200)
    assert.include(page.text(), 'Échéances en retard (1)')
    assert.include(page.text(), 'en retard de 31 j')
    assert.include(page.text(), 'Échéances à venir sous 90 jours (1)')
    assert.notInclude(page.text(), 'Bilan de la convention annulée')
  })
})

test.group('Grants: funding awaited within 12 months and overdue (board portal)', (group) => {
  isolated(group)
  group.each.timeout(180_000)

  test('on the demo, the portal’s awaited and overdue amounts equal an independent query over instalments and receipts', async ({
    assert,
    client,
  }) => {
    const organisation = await demoOrganisation()
    // Every demo receipt pays the instalment it was expected as, in full: matching and the
    // independent first-in-first-out rule below give the same figures.
    const matched = await inspecting(() =>
      db.rawQuery(
        `SELECT count(*)::int AS n,
                count(*) FILTER (WHERE a.amount = r.amount)::int AS whole,
                (SELECT count(*)::int FROM grant_receipts WHERE organisation_id = :org) AS receipts
           FROM grant_receipt_allocations a JOIN grant_receipts r ON r.id = a.receipt_id
          WHERE a.organisation_id = :org`,
        { org: organisation.id }
      )
    )
    assert.isAbove(matched.rows[0].receipts, 100)
    assert.equal(matched.rows[0].n, matched.rows[0].receipts, 'every demo receipt is matched')
    assert.equal(matched.rows[0].whole, matched.rows[0].n)

    for (const iso of ['2023-01-01', '2023-03-01', '2023-04-01', '2024-09-01', '2025-07-01']) {
      const expected = await inspecting(() => independentAwaited(organisation.id, iso))
      const computed = await asOrganisation(organisation, () =>
        new AwaitedFunding(tenantOf(organisation), { today: day(iso) }).build()
      )
      assert.equal(computed.awaited.amount.toFixed(2), expected.awaited, `awaited at ${iso}`)
      assert.equal(computed.awaited.count, expected.awaited_count, `awaited count at ${iso}`)
      assert.equal(computed.overdue.amount.toFixed(2), expected.overdue, `overdue at ${iso}`)
      assert.equal(computed.overdue.count, expected.overdue_count, `overdue count at ${iso}`)
    }

    // On 1 September 2024: the FSE+ advance (409 155,93 €, due 31 March 2023) is late for what the
    // 191 122,38 € received did not cover, and so is every 2024 instalment due before September
    // (the demo has no 2024 receipt); the FSE+ balance (30 June 2025), the State's September
    // instalments and the 2025 balances of the 2024 splits are awaited within 12 months.
    const expected = await inspecting(() => independentAwaited(organisation.id, '2024-09-01'))
    assert.equal(expected.overdue, '4957773.32')
    assert.equal(expected.overdue_count, 21)
    assert.equal(expected.awaited, '4320171.72')
    const board = await makeUser(organisation, ['board'])
    const portal = await client.get('/gouvernance/portail?date=2024-09-01').actingAs(board)
    portal.assertStatus(200)
    const awaitedCard = portal.text().split('id="financements-attendus"')[1].split('</div>')[0]
    assert.include(awaitedCard, formatMoney(expected.awaited))
    const overdueCard = portal.text().split('id="financements-en-retard"')[1].split('</div>')[0]
    assert.include(overdueCard, formatMoney(expected.overdue))
    assert.include(portal.text(), 'financements attendus sous 12 mois (22 versement(s)')
  })

  test('three instalments and one partial receipt: what remains, by hand', async ({
    assert,
    client,
  }) => {
    const organisation = await makeOrganisation()
    const grant = await makeGrant(organisation, 'TROIS-ECHEANCES', '100000')
    const [advance, instalment, balance] = await db
      .table('grant_payment_schedules')
      .multiInsert(
        [
          ['advance', '2024-01-15', '30000.00'],
          ['instalment', '2024-06-30', '40000.00'],
          ['balance', '2025-03-31', '30000.00'],
        ].map(([kind, expectedOn, amount]) => ({
          organisation_id: organisation.id,
          grant_id: grant.id,
          kind,
          expected_on: expectedOn,
          amount,
        }))
      )
      .returning('id')
    // One receipt, matched to no instalment: it pays the advance, then part of the instalment.
    await db.table('grant_receipts').insert({
      organisation_id: organisation.id,
      grant_id: grant.id,
      received_on: '2024-02-10',
      amount: '45000.00',
    })
    const at = (iso: string) =>
      asOrganisation(organisation, () =>
        new AwaitedFunding(tenantOf(organisation), { today: day(iso) }).build()
      )
    const figures = (r: Awaited<ReturnType<typeof at>>) => ({
      awaited: r.awaited.amount.toFixed(2),
      awaitedCount: r.awaited.count,
      overdue: r.overdue.amount.toFixed(2),
      overdueCount: r.overdue.count,
    })

    // Before the receipt: the advance is late; the instalment is awaited, the balance is beyond 12 months.
    assert.deepEqual(figures(await at('2024-02-01')), {
      awaited: '40000.00',
      awaitedCount: 1,
      overdue: '30000.00',
      overdueCount: 1,
    })
    // Due today is not late: 40 000 − 15 000 of the instalment, and the balance.
    assert.deepEqual(figures(await at('2024-06-30')), {
      awaited: '55000.00',
      awaitedCount: 2,
      overdue: '0.00',
      overdueCount: 0,
    })
    // After its date the instalment's 25 000 are late; the balance is awaited.
    const september = await at('2024-09-01')
    assert.deepEqual(figures(september), {
      awaited: '30000.00',
      awaitedCount: 1,
      overdue: '25000.00',
      overdueCount: 1,
    })
    assert.deepEqual(
      september.overdue.instalments.map((i) => [
        i.scheduleId,
        i.amount.toFixed(2),
        i.covered.toFixed(2),
        i.remaining.toFixed(2),
      ]),
      [[instalment.id, '40000.00', '15000.00', '25000.00']]
    )
    for (const result of [september.awaited, september.overdue]) {
      assert.isTrue(
        result.amount.equals(
          result.instalments.reduce((sum, i) => sum.plus(i.remaining), new Decimal(0))
        )
      )
    }
    assert.notInclude(
      september.awaited.instalments.map((i) => i.scheduleId),
      advance.id
    )

    const board = await makeUser(organisation, ['board'])
    const portal = await client.get('/gouvernance/portail?date=2024-09-01').actingAs(board)
    portal.assertStatus(200)
    const text = portal.text()
    assert.include(
      text.split('id="financements-attendus"')[1].split('</div>')[0],
      formatMoney('30000')
    )
    assert.include(
      text.split('id="financements-en-retard"')[1].split('</div>')[0],
      formatMoney('25000')
    )
    assert.include(text, 'TROIS-ECHEANCES')

    // A receipt matched to the balance pays the balance first, not the oldest instalment.
    const [matched] = await db
      .table('grant_receipts')
      .insert({
        organisation_id: organisation.id,
        grant_id: grant.id,
        received_on: '2024-08-01',
        amount: '5000.00',
      })
      .returning('id')
    await db.table('grant_receipt_allocations').insert({
      organisation_id: organisation.id,
      receipt_id: matched.id,
      schedule_id: balance.id,
      amount: '5000.00',
    })
    assert.deepEqual(figures(await at('2024-09-01')), {
      awaited: '25000.00',
      awaitedCount: 1,
      overdue: '25000.00',
      overdueCount: 1,
    })
    // A cancelled convention awaits nothing.
    await db.from('grants').where('id', grant.id).update({ status: 'cancelled' })
    assert.deepEqual(figures(await at('2024-09-01')), {
      awaited: '0.00',
      awaitedCount: 0,
      overdue: '0.00',
      overdueCount: 0,
    })
  })
})
