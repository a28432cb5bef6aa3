import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { demoOrganisation, isolated, makeUser, readWorkbook } from '#tests/helpers'
import { salaryLedger } from '#tests/fixtures/general_ledger'
import { formatMoney } from '#support/french_format'
import { toMoney } from '#support/money'

const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ')
const money = (amount: string) => plain(formatMoney(toMoney(amount)))

/** The rows of the grand livre's table body. */
const bodyRows = (html: string) =>
  (/<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').match(/<tr>/g)?.length ?? 0
/** A total cell of the table's footer (data-total="debit" | "credit" | "closing"). */
const total = (html: string, key: string) =>
  plain(new RegExp(`data-total="${key}">([^<]*)<`).exec(html)?.[1] ?? '')

/**
 * 120 salary lines on 6411 in one validated payroll entry (salaryLedger). Hand-computed: all
 * lines 1 + 2 + … + 120 = 7 260,00 €; the primes 10 + 20 + … + 120 = 780,00 €; the running
 * balance after line n is n(n + 1)/2.
 */
const salaries = () => salaryLedger('Mission Locale grand livre', 120)

test.group('Grand livre: paged, searched, sorted, totalled in SQL', (group) => {
  isolated(group)

  test('6411 is paged 100 lines at a time with totals over every line', async ({
    client,
    assert,
  }) => {
    const { admin } = await salaries()
    const first = plain(
      (await client.get('/comptabilite/grand-livre?compte=6411').actingAs(admin)).text()
    )
    assert.equal(bodyRows(first), 100)
    assert.include(first, 'Page 1 sur 2 (120 lignes)')
    assert.equal(total(first, 'debit'), '7 260,00 €')
    assert.equal(total(first, 'credit'), '0,00 €')
    assert.equal(total(first, 'closing'), '7 260,00 €')
    // Running balance after line 100: 1 + … + 100 = 5 050,00 €.
    assert.include(first, '5 050,00 €')
    const second = plain(
      (await client.get('/comptabilite/grand-livre?compte=6411&page=2').actingAs(admin)).text()
    )
    assert.equal(bodyRows(second), 20)
    assert.include(second, 'Page 2 sur 2')
    // The totals do not change with the page.
    assert.equal(total(second, 'debit'), '7 260,00 €')
    // A page past the last shows the last.
    const past = plain(
      (await client.get('/comptabilite/grand-livre?compte=6411&page=9').actingAs(admin)).text()
    )
    assert.include(past, 'Page 2 sur 2')
  })

  test('a search keeps the matching lines and totals them; amounts and text both match', async ({
    client,
    assert,
  }) => {
    const { admin } = await salaries()
    const primes = plain(
      (await client.get('/comptabilite/grand-livre?compte=6411&q=PRIME').actingAs(admin)).text()
    )
    assert.equal(bodyRows(primes), 12)
    assert.equal(total(primes, 'debit'), '780,00 €')
    assert.include(primes, 'Total des 12 lignes trouvées')
    // Each kept line shows the account's true running balance: after line 10, 55,00 €.
    assert.include(primes, '55,00 €')
    // As a browser sends it (%2C) and typed in the address bar (a literal comma).
    for (const q of ['55%2C00', '55,00']) {
      const amount = plain(
        (await client.get(`/comptabilite/grand-livre?compte=6411&q=${q}`).actingAs(admin)).text()
      )
      assert.equal(bodyRows(amount), 1, q)
      assert.equal(total(amount, 'debit'), '55,00 €', q)
    }
    const none = plain(
      (await client.get('/comptabilite/grand-livre?compte=6411&q=100%25').actingAs(admin)).text()
    )
    assert.equal(bodyRows(none), 0)
    assert.include(none, 'Aucune ligne ne contient « 100% »')
    // The workbook has every line the search keeps, not one page.
    const workbook = await readWorkbook(
      await client.get('/comptabilite/grand-livre.xlsx?compte=6411&q=prime').actingAs(admin)
    )
    const sheet = workbook.getWorksheet('Grand livre')!
    assert.equal(sheet.actualRowCount, 13)
    const all = await readWorkbook(
      await client.get('/comptabilite/grand-livre.xlsx?compte=6411').actingAs(admin)
    )
    assert.equal(all.getWorksheet('Grand livre')!.actualRowCount, 121)
  })

  test('columns sort both ways, the search and the page kept in the links', async ({
    client,
    assert,
  }) => {
    const { admin } = await salaries()
    const desc = plain(
      (
        await client
          .get('/comptabilite/grand-livre?compte=6411&tri=debit&ordre=desc')
          .actingAs(admin)
      ).text()
    )
    const firstDebit = /<tbody>[\s\S]*?<td class="num">([^<]*)<\/td>/.exec(desc)?.[1]
    assert.equal(firstDebit, '120,00 €')
    assert.match(desc, /aria-sort="descending">\s*<a href="[^"]*tri=debit&amp;ordre=asc/)
    const searched = (
      await client.get('/comptabilite/grand-livre?compte=6411&q=prime').actingAs(admin)
    ).text()
    assert.match(searched, /href="\?[^"]*compte=6411[^"]*q=prime[^"]*tri=libelle/)
    // An unknown sort falls back to the date: nothing from the query string reaches SQL.
    const odd = await client
      .get('/comptabilite/grand-livre?compte=6411&tri=debit;drop&ordre=sideways')
      .actingAs(admin)
    odd.assertStatus(200)
  })

  test('the demo’s 6411 renders one page of its lines, totals equal to SQL', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const [expected] = (
      await db.rawQuery(
        `SELECT count(*)::int AS n, sum(l.debit)::text AS debit, sum(l.credit)::text AS credit
           FROM entry_lines l JOIN entries e ON e.id = l.entry_id JOIN fiscal_years f ON f.id = e.fiscal_year_id
          WHERE l.organisation_id = ? AND l.account_number = '6411' AND f.label ILIKE '%2023'`,
        [organisation.id]
      )
    ).rows
    const response = await client.get('/comptabilite/grand-livre?compte=6411').actingAs(admin)
    response.assertStatus(200)
    const html = plain(response.text())
    assert.equal(bodyRows(html), 100)
    assert.isBelow(html.length, 120_000)
    assert.include(html, `(${plain(new Intl.NumberFormat('fr-FR').format(expected.n))} lignes)`)
    assert.equal(total(html, 'debit'), money(expected.debit))
    assert.equal(total(html, 'credit'), money(expected.credit))
    // A search narrows the totals to the lines found: the March payroll.
    const [march] = (
      await db.rawQuery(
        `SELECT count(*)::int AS n, sum(l.debit)::text AS debit
           FROM entry_lines l JOIN entries e ON e.id = l.entry_id
          WHERE l.organisation_id = ? AND l.account_number = '6411' AND e.piece_ref ILIKE '%2023-03%'`,
        [organisation.id]
      )
    ).rows
    const found = plain(
      (await client.get('/comptabilite/grand-livre?compte=6411&q=2023-03').actingAs(admin)).text()
    )
    assert.isAbove(march.n, 0)
    assert.include(found, `Total des ${march.n} lignes trouvées`)
    assert.equal(total(found, 'debit'), money(march.debit))
  })

  test('a reader without payroll detail pages the monthly sums, with the same totals', async ({
    client,
    assert,
  }) => {
    const { organisation } = await salaries()
    const finance = await makeUser(organisation, ['finance'])
    const html = plain(
      (await client.get('/comptabilite/grand-livre?compte=6411').actingAs(finance)).text()
    )
    assert.equal(bodyRows(html), 1)
    assert.include(html, 'cumul')
    assert.notInclude(html, 'Prime exceptionnelle')
    assert.equal(total(html, 'debit'), '7 260,00 €')
  })
})
