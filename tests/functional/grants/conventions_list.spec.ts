import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { demoOrganisation, isolated, makeUser, readWorkbook } from '#tests/helpers'
import { formatMoney } from '#support/french_format'
import { toMoney } from '#support/money'

const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ')
const bodyRows = (html: string) =>
  (/<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').match(/<tr>/g)?.length ?? 0
const totalOf = (html: string, key: string) =>
  plain(new RegExp(`data-total="${key}">([^<]*)<`).exec(html)?.[1] ?? '')

test.group('Conventions list: search, sort, pages and totals', (group) => {
  isolated(group)

  test('the demo’s conventions are searched by funder, totals over all those found', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const [all] = (
      await db.rawQuery(
        `SELECT count(*)::int AS n, sum(amount_awarded)::text AS awarded FROM grants WHERE organisation_id = ?`,
        [organisation.id]
      )
    ).rows
    const page = plain((await client.get('/financements/conventions').actingAs(finance)).text())
    assert.equal(bodyRows(page), Math.min(all.n, 50))
    assert.equal(totalOf(page, 'count'), String(all.n))
    assert.equal(totalOf(page, 'awarded'), plain(formatMoney(toMoney(all.awarded))))
    assert.include(page, `Page 1 sur ${Math.ceil(all.n / 50)}`)

    const [france] = (
      await db.rawQuery(
        `SELECT count(*)::int AS n, sum(g.amount_awarded)::text AS awarded
           FROM grants g JOIN funders f ON f.id = g.funder_id
          WHERE g.organisation_id = ? AND (g.reference ILIKE '%travail%' OR g.title ILIKE '%travail%' OR f.name ILIKE '%travail%')`,
        [organisation.id]
      )
    ).rows
    assert.isAbove(france.n, 0)
    const found = plain(
      (await client.get('/financements/conventions?q=Travail').actingAs(finance)).text()
    )
    assert.equal(bodyRows(found), Math.min(france.n, 50))
    assert.equal(totalOf(found, 'count'), String(france.n))
    assert.equal(totalOf(found, 'awarded'), plain(formatMoney(toMoney(france.awarded))))
    const workbook = await readWorkbook(
      await client.get('/financements/conventions.xlsx?q=Travail').actingAs(finance)
    )
    assert.equal(workbook.worksheets[0].actualRowCount, france.n + 1)
  })

  test('sorted by amount, largest first', async ({ client, assert }) => {
    const organisation = await demoOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const [largest] = (
      await db.rawQuery(
        `SELECT reference FROM grants WHERE organisation_id = ? ORDER BY amount_awarded DESC, reference LIMIT 1`,
        [organisation.id]
      )
    ).rows
    const html = (
      await client.get('/financements/conventions?tri=montant&ordre=desc').actingAs(finance)
    ).text()
    const first = /<tbody>[\s\S]*?<a href="[^"]*">([^<]*)</.exec(html)?.[1]
    assert.equal(first, largest.reference)
  })

  test('the second page follows the first; a page past the last shows the last', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const { rows } = await db.rawQuery(
      `SELECT reference FROM grants WHERE organisation_id = ? ORDER BY reference`,
      [organisation.id]
    )
    const references = (rows as Array<{ reference: string }>).map((r) => r.reference)
    assert.isAbove(references.length, 50)
    const listed = (html: string) =>
      [...html.matchAll(/<a href="\/financements\/conventions\/\d+">([^<]+)<\/a>/g)].map(
        (m) => m[1]
      )
    const second = (await client.get('/financements/conventions?page=2').actingAs(finance)).text()
    assert.deepEqual(listed(second), references.slice(50, 100))
    const past = (await client.get('/financements/conventions?page=99').actingAs(finance)).text()
    const lastPage = Math.ceil(references.length / 50)
    assert.deepEqual(listed(past), references.slice((lastPage - 1) * 50, lastPage * 50))
    assert.include(plain(past), `Page ${lastPage} sur ${lastPage}`)
  })
})
