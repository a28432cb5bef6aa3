import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts, asOrganisation } from '#tests/helpers'
import { makeGrant, makeLedger, postEntry, tenantOf } from '#tests/functional/grants/fixtures'
import { YearEndPositions } from '#reports/grants/year_end'

test.group('Grants: year-end positions and proposals', (group) => {
  isolated(group)

  test('unused funding becomes fonds dédiés and later-period funding deferred income, proposed once as drafts', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'PLURI')
    await client
      .post(`/financements/conventions/${grant.id}/repartition`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({
        'years[0][year]': '2023',
        'years[0][amount]': '60000',
        'years[1][year]': '2024',
        'years[1][amount]': '40000',
      })
    const ledger = await makeLedger(organisation, [
      '441',
      '7413',
      '6411',
      '194',
      '6894',
      '7894',
      '487',
      '512',
    ])
    await postEntry(organisation, ledger, '2023-02-01', [
      { account: '441', debit: '100000' },
      { account: '7413', credit: '100000', grantId: grant.id },
    ])
    await postEntry(organisation, ledger, '2023-06-30', [
      { account: '6411', debit: '50000', grantId: grant.id },
      { account: '512', credit: '50000' },
    ])

    const report = await new YearEndPositions(tenantOf(organisation), { year: 2023 }).build()
    const position = report.positions.find((p) => p.grantId === grant.id)!
    assert.equal(position.recognised.toFixed(2), '100000.00')
    assert.equal(position.deferred.toFixed(2), '40000.00')
    assert.equal(position.consumed.toFixed(2), '50000.00')
    assert.equal(position.newDedicated.toFixed(2), '10000.00')
    assert.equal(position.usedDedicated.toFixed(2), '0.00')

    const before = await tableCounts(['entries'])
    const response = await client
      .post('/financements/fin-exercice/propositions')
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ annee: '2023' })
    response.assertStatus(302)
    assert.equal((await tableCounts(['entries'])).entries, before.entries + 2)
    const drafts = await db
      .from('entries')
      .where({ organisation_id: organisation.id, status: 'draft' })
      .whereIn('piece_ref', ['FD-2023', 'PCA-2023'])
    assert.lengthOf(drafts, 2)
    const lines = await db
      .from('entry_lines')
      .whereIn(
        'entry_id',
        drafts.map((d) => d.id)
      )
      .orderBy('account_number')
    assert.deepEqual(
      lines.map((l) => [l.account_number, l.debit, l.credit, l.grant_id]),
      [
        ['194', '0.00', '10000.00', grant.id],
        ['487', '0.00', '40000.00', grant.id],
        ['6894', '10000.00', '0.00', grant.id],
        ['7413', '40000.00', '0.00', grant.id],
      ]
    )
    // Once booked, the position holds and nothing more is proposed.
    const after = await new YearEndPositions(tenantOf(organisation), { year: 2023 }).build()
    const booked = after.positions.find((p) => p.grantId === grant.id)!
    assert.equal(booked.recognised.toFixed(2), '60000.00')
    assert.equal(booked.deferred.toFixed(2), '40000.00')
    assert.equal(booked.closingDedicated.toFixed(2), '10000.00')
    assert.isTrue(booked.proposed.newDedicated.isZero() && booked.proposed.deferred.isZero())
    assert.equal(after.ledger.dedicatedClosing.toFixed(2), '10000.00')
    assert.equal(after.ledger.deferredClosing.toFixed(2), '40000.00')
    const again = await client
      .post('/financements/fin-exercice/propositions')
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ annee: '2023' })
    again.assertStatus(302)
    assert.equal((await tableCounts(['entries'])).entries, before.entries + 2)
  })

  test('a ledger line booked without its convention is attributed by allocation, never above its amount', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'ALLOC')
    const ledger = await makeLedger(organisation, ['441', '7413', '6411', '512'])
    const revenue = await postEntry(organisation, ledger, '2023-02-01', [
      { account: '441', debit: '20000' },
      { account: '7413', credit: '20000' },
    ])
    const cost = await postEntry(organisation, ledger, '2023-03-01', [
      { account: '6411', debit: '30000' },
      { account: '512', credit: '30000' },
    ])
    const revenueLine = await db
      .from('entry_lines')
      .where({ entry_id: revenue, account_number: '7413' })
      .first()
    const costLine = await db
      .from('entry_lines')
      .where({ entry_id: cost, account_number: '6411' })
      .first()
    await client
      .post(`/financements/conventions/${grant.id}/imputations`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ entryLineId: revenueLine.id })
    await client
      .post(`/financements/conventions/${grant.id}/imputations`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ entryLineId: costLine.id, amount: '18 000' })
    const before = await tableCounts(['grant_line_allocations'])
    const over = await client
      .post(`/financements/conventions/${grant.id}/imputations`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
      .form({ entryLineId: costLine.id, amount: '12 000,01' })
    assert.match(String(over.flashMessages().error), /dépasse son montant/)
    assert.deepEqual(await tableCounts(['grant_line_allocations']), before)
    const position = (
      await new YearEndPositions(tenantOf(organisation), { year: 2023 }).build()
    ).positions.find((p) => p.grantId === grant.id)!
    assert.equal(position.recognised.toFixed(2), '20000.00')
    assert.equal(position.consumed.toFixed(2), '18000.00')
    assert.equal(position.newDedicated.toFixed(2), '2000.00')
    const refused = await client
      .delete(`/financements/conventions/${grant.id}`)
      .actingAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(refused.flashMessages().error), /ne peut pas être supprimée/)
  })

  test(
    'the funder report applies the convention flat rate; texts are stored; board cannot write them'
  )
    .with([
      { rate: '0', eligible: '12000.00' },
      { rate: '7', eligible: '12840.00' },
      { rate: '15', eligible: '13500.00' },
      { rate: '20', eligible: '2400.00' },
      { rate: '40', eligible: '14000.00' },
    ])
    .run(async ({ client, assert }, { rate, eligible }) => {
      const organisation = await makeOrganisation()
      const user = await makeUser(organisation, ['finance'])
      const board = await makeUser(organisation, ['board'])
      const grant = await makeGrant(organisation, 'FLAT')
      await db
        .from('grants')
        .where('id', grant.id)
        .update({
          flat_rate: rate,
          flat_rate_basis: {
            '0': null,
            '7': 'direct_costs',
            '15': 'direct_staff_costs',
            '20': 'other_direct_costs',
            '40': 'direct_staff_costs',
          }[rate],
        })
      const ledger = await makeLedger(organisation, ['6411', '6061', '512'])
      await postEntry(organisation, ledger, '2023-05-01', [
        { account: '6411', debit: '10000', grantId: grant.id },
        { account: '6061', debit: '2000', grantId: grant.id },
        { account: '512', credit: '12000' },
      ])
      const page = await client
        .get(`/financements/conventions/${grant.id}/bilan?du=2023-01-01&au=2023-12-31`)
        .actingAs(user)
      page.assertStatus(200)
      const { FunderReport } = await import('#reports/grants/funder_report')
      const report = await asOrganisation(organisation, () =>
        new FunderReport(
          { ...tenantOf(organisation), roles: ['finance', 'hr'] },
          {
            grantId: grant.id,
            from: '2023-01-01',
            to: '2023-12-31',
          }
        ).build()
      )
      assert.equal(report.costs.eligible!.toFixed(2), eligible)
      const saved = await client
        .put(`/financements/conventions/${grant.id}/bilan?du=2023-01-01&au=2023-12-31`)
        .actingAs(user)
        .withCsrfToken()
        .redirects(0)
        .form({ actionsText: 'Ateliers collectifs' })
      saved.assertStatus(302)
      assert.equal(
        (await db.from('grant_reports').where('grant_id', grant.id).first()).actions_text,
        'Ateliers collectifs'
      )
      const denied = await client
        .put(`/financements/conventions/${grant.id}/bilan?du=2023-01-01&au=2023-12-31`)
        .actingAs(board)
        .withCsrfToken()
        .redirects(0)
        .form({ actionsText: 'Non' })
      denied.assertStatus(403)
      const read = await client
        .get(`/financements/conventions/${grant.id}/bilan/impression?du=2023-01-01&au=2023-12-31`)
        .actingAs(board)
      read.assertStatus(200)
      assert.include(read.text(), 'Ateliers collectifs')
    })
})

test.group('Grants: dashboard', (group) => {
  isolated(group)

  test('flags consumption behind or ahead of plan and lists the deadlines of the next 90 days', async ({
    assert,
  }) => {
    const { DateTime } = await import('luxon')
    const { GrantsDashboard } = await import('#reports/grants/dashboard')
    const organisation = await makeOrganisation()
    const ahead = await makeGrant(organisation, 'AHEAD')
    const behind = await makeGrant(organisation, 'BEHIND')
    await db.from('grants').whereIn('id', [ahead.id, behind.id]).update({ status: 'signed' })
    const ledger = await makeLedger(organisation, ['6411', '512'])
    await postEntry(organisation, ledger, '2023-03-01', [
      { account: '6411', debit: '90000', grantId: ahead.id },
      { account: '512', credit: '90000' },
    ])
    await db.table('grant_deadlines').multiInsert([
      {
        organisation_id: organisation.id,
        grant_id: ahead.id,
        kind: 'interim_report',
        label: 'Bilan proche',
        due_on: '2023-08-01',
      },
      {
        organisation_id: organisation.id,
        grant_id: ahead.id,
        kind: 'final_report',
        label: 'Bilan lointain',
        due_on: '2023-12-01',
      },
    ])
    const report = await new GrantsDashboard(tenantOf(organisation), {
      today: DateTime.fromISO('2023-07-01'),
    }).build()
    const state = (id: number) => report.consumption.find((c) => c.grantId === id)!.state
    assert.equal(state(ahead.id), 'ahead')
    assert.equal(state(behind.id), 'behind')
    assert.deepEqual(
      report.deadlines.map((d) => d.label),
      ['Bilan proche']
    )
    assert.equal(report.totalAwaited.toFixed(2), '200000.00')
  })
})
