import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { formatMoney } from '#support/french_format'
import { toMoney } from '#support/money'
import {
  demoOrganisation,
  inspecting,
  isolated,
  makeOrganisation,
  makeUser,
  readWorkbook,
} from '#tests/helpers'
import { makeGrant, makeLedger, postEntry } from '#tests/functional/grants/fixtures'

/**
 * A convention's figures per fiscal year, summed straight from the tables (entry lines booked
 * with it, plus the allocation overlay), not through the grant_ledger_lines view.
 */
async function independentYears(organisationId: number, grantId: number) {
  const { rows } = await inspecting(() =>
    db.rawQuery(
      `WITH lines AS (
         SELECT l.entry_id, l.account_number, l.debit, l.credit
           FROM entry_lines l WHERE l.organisation_id = ? AND l.grant_id = ?
         UNION ALL
         SELECT l.entry_id, l.account_number,
                CASE WHEN l.debit > 0 THEN a.amount ELSE 0 END, CASE WHEN l.credit > 0 THEN a.amount ELSE 0 END
           FROM grant_line_allocations a JOIN entry_lines l ON l.id = a.entry_line_id
          WHERE a.organisation_id = ? AND a.grant_id = ?),
       by_year AS (
         SELECT extract(year FROM f.end_date)::int AS year,
                sum(x.credit - x.debit) FILTER (WHERE x.account_number LIKE '74%'
                  OR x.account_number LIKE coalesce(g.revenue_account, '-') || '%') AS recognised,
                sum(x.debit - x.credit) FILTER (WHERE x.account_number LIKE '6%'
                  AND x.account_number NOT LIKE '689%') AS consumed,
                sum(x.debit - x.credit) FILTER (WHERE x.account_number LIKE '6894%') AS opened,
                sum(x.credit - x.debit) FILTER (WHERE x.account_number LIKE '7894%') AS used
           FROM lines x JOIN entries e ON e.id = x.entry_id JOIN journals j ON j.id = e.journal_id
           JOIN fiscal_years f ON f.id = e.fiscal_year_id JOIN grants g ON g.id = ?
          WHERE j.code <> 'AN'
          GROUP BY 1)
       SELECT y.year, y.amount AS awarded, b.recognised, b.consumed, b.opened, b.used
         FROM grant_years y LEFT JOIN by_year b ON b.year = y.year
        WHERE y.grant_id = ? ORDER BY y.year`,
      [organisationId, grantId, organisationId, grantId, grantId, grantId]
    )
  )
  return rows as Array<Record<string, string | number | null>>
}

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

test.group('Grants | a convention across its fiscal years', (group) => {
  isolated(group)

  test('a demo convention split over 2023 and 2024: each year equals an independent SQL sum', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const [grant] = (
      await inspecting(() =>
        db.rawQuery(
          `SELECT g.id, g.reference FROM grants g
            WHERE g.organisation_id = ? AND (SELECT count(*) FROM grant_years y WHERE y.grant_id = g.id) >= 2
            ORDER BY (SELECT count(*) FROM entry_lines l WHERE l.grant_id = g.id) DESC, g.id LIMIT 1`,
          [organisation.id]
        )
      )
    ).rows
    assert.exists(grant, 'the demo has a convention split over several years')
    const expected = await independentYears(organisation.id, grant.id)
    assert.isAtLeast(expected.length, 2)
    assert.isTrue(
      expected.some((y) => !toMoney(y.recognised ?? 0).isZero()),
      'some revenue is recognised'
    )

    const page = await client
      .get(`/financements/conventions/${grant.id}/exercices`)
      .actingAs(finance)
    page.assertStatus(200)
    const html = plain(page.text())
    for (const y of expected) {
      const row = new RegExp(`<th scope="row">${y.year}</th>([\\s\\S]*?)</tr>`).exec(html)?.[1]
      assert.exists(row, `the row of ${y.year}`)
      const cells = [...row!.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1])
      assert.deepEqual(
        cells,
        [y.awarded, y.recognised, y.consumed, y.opened, y.used].map((v) =>
          plain(formatMoney(toMoney(v ?? 0)))
        ),
        `figures of ${y.year}`
      )
    }

    const workbook = await readWorkbook(
      await client.get(`/financements/conventions/${grant.id}/exercices.xlsx`).actingAs(finance)
    )
    const sheet = workbook.worksheets[0]
    const values = sheet.getSheetValues().slice(2) as unknown[][]
    const total = values.at(-1)!
    assert.equal(total[1], 'Total')
    const sum = (key: string) =>
      expected.reduce((s, y) => s.plus(toMoney(y[key] ?? 0)), toMoney(0)).toNumber()
    assert.deepEqual(total.slice(2, 7).map(Number), [
      sum('awarded'),
      sum('recognised'),
      sum('consumed'),
      sum('opened'),
      sum('used'),
    ])
  })

  test('a convention built over two fiscal years: fonds dédiés opened in 2023 are used in 2024', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'PLURI-FD')
    await db.table('grant_years').multiInsert([
      { organisation_id: organisation.id, grant_id: grant.id, year: 2023, amount: '60000' },
      { organisation_id: organisation.id, grant_id: grant.id, year: 2024, amount: '40000' },
    ])
    const ledger = await makeLedger(organisation, [
      '441',
      '7413',
      '6411',
      '6226',
      '6894',
      '7894',
      '194',
      '512',
    ])
    const [fy2024] = await db
      .table('fiscal_years')
      .insert({
        organisation_id: organisation.id,
        label: '2024',
        start_date: '2024-01-01',
        end_date: '2024-12-31',
      })
      .returning('id')
    await postEntry(organisation, ledger, '2023-02-01', [
      { account: '441', debit: '60000' },
      { account: '7413', credit: '60000', grantId: grant.id },
    ])
    await postEntry(organisation, ledger, '2023-06-30', [
      { account: '6411', debit: '50000', grantId: grant.id },
      { account: '512', credit: '50000' },
    ])
    await postEntry(organisation, ledger, '2023-12-31', [
      { account: '6894', debit: '10000', grantId: grant.id },
      { account: '194', credit: '10000', grantId: grant.id },
    ])
    const next = { ...ledger, fiscalYearId: fy2024.id as number }
    await postEntry(organisation, next, '2024-03-01', [
      { account: '441', debit: '40000' },
      { account: '7413', credit: '40000', grantId: grant.id },
    ])
    await postEntry(organisation, next, '2024-09-30', [
      { account: '6226', debit: '45000' },
      { account: '512', credit: '45000' },
    ])
    await postEntry(organisation, next, '2024-12-31', [
      { account: '194', debit: '5000', grantId: grant.id },
      { account: '7894', credit: '5000', grantId: grant.id },
    ])
    // 6226 booked without the convention, attributed to it for 45 000 by the overlay.
    const fees = await db
      .from('entry_lines')
      .where({ organisation_id: organisation.id, account_number: '6226' })
      .firstOrFail()
    await db.table('grant_line_allocations').insert({
      organisation_id: organisation.id,
      entry_line_id: fees.id,
      grant_id: grant.id,
      amount: '45000',
    })

    const html = plain(
      (await client.get(`/financements/conventions/${grant.id}/exercices`).actingAs(finance)).text()
    )
    const cells = (label: string) =>
      [
        ...(
          new RegExp(`<th scope="row">${label}</th>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? ''
        ).matchAll(/<td class="num">([^<]*)<\/td>/g),
      ].map((m) => m[1])
    assert.deepEqual(cells('2023'), [
      '60 000,00 €',
      '60 000,00 €',
      '50 000,00 €',
      '10 000,00 €',
      '0,00 €',
    ])
    assert.deepEqual(cells('2024'), [
      '40 000,00 €',
      '40 000,00 €',
      '45 000,00 €',
      '0,00 €',
      '5 000,00 €',
    ])
    assert.deepEqual(cells('Total'), [
      '100 000,00 €',
      '100 000,00 €',
      '95 000,00 €',
      '10 000,00 €',
      '5 000,00 €',
    ])
    const expected = await independentYears(organisation.id, grant.id)
    assert.deepEqual(
      expected.map((y) => [y.year, y.consumed, y.opened, y.used]),
      [
        [2023, '50000.00', '10000.00', null],
        [2024, '45000.00', null, '5000.00'],
      ]
    )
  })

  test("another organisation's convention is not found", async ({ client }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const demo = await demoOrganisation()
    const [grant] = (
      await inspecting(() =>
        db.rawQuery('SELECT id FROM grants WHERE organisation_id = ? LIMIT 1', [demo.id])
      )
    ).rows
    const response = await client
      .get(`/financements/conventions/${grant.id}/exercices`)
      .actingAs(finance)
    response.assertStatus(404)
  })
})
