import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { demoOrganisation, isolated, makeUser, readWorkbook } from '#tests/helpers'

const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ')
const bodyRows = (html: string) =>
  (/<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').match(/<tr>/g)?.length ?? 0
const totalOf = (html: string, key: string) =>
  plain(new RegExp(`data-total="${key}">([^<]*)<`).exec(html)?.[1] ?? '')

test.group('Staff list: searched, sorted, paged in SQL, with totals', (group) => {
  isolated(group)

  test('the demo staff comes 50 at a time with the totals of every employee', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    const [all] = (
      await db.rawQuery(`SELECT count(*)::int AS n FROM employees WHERE organisation_id = ?`, [
        organisation.id,
      ])
    ).rows
    const first = plain((await client.get('/rh/salaries').actingAs(hr)).text())
    assert.equal(bodyRows(first), 50)
    assert.equal(totalOf(first, 'count'), String(all.n).replace(/\B(?=(\d{3})+$)/g, ' '))
    assert.include(first, `Page 1 sur ${Math.ceil(all.n / 50)}`)
    const last = plain(
      (await client.get(`/rh/salaries?page=${Math.ceil(all.n / 50)}`).actingAs(hr)).text()
    )
    assert.equal(bodyRows(last), all.n % 50 || 50)
  })

  test('a search by name keeps the matching employees, totals and workbook included', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    const [expected] = (
      await db.rawQuery(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE sex = 'F')::int AS women
           FROM employees WHERE organisation_id = ? AND (surname ILIKE '%martin%' OR first_names ILIKE '%martin%')`,
        [organisation.id]
      )
    ).rows
    assert.isAbove(expected.n, 0)
    const html = plain((await client.get('/rh/salaries?q=Martin').actingAs(hr)).text())
    assert.equal(bodyRows(html), expected.n)
    assert.equal(totalOf(html, 'count'), String(expected.n))
    assert.include(html, 'contenant « Martin »')
    const workbook = await readWorkbook(await client.get('/rh/salaries.xlsx?q=Martin').actingAs(hr))
    assert.equal(workbook.worksheets[0].actualRowCount, expected.n + 1)
    const none = plain((await client.get('/rh/salaries?q=zzzz').actingAs(hr)).text())
    assert.include(none, 'Aucun salarié ne correspond à « zzzz »')
  })

  test('columns sort both ways', async ({ client, assert }) => {
    const organisation = await demoOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    const [first] = (
      await db.rawQuery(
        `SELECT surname FROM employees WHERE organisation_id = ? ORDER BY lower(surname) DESC, lower(first_names) LIMIT 1`,
        [organisation.id]
      )
    ).rows
    const html = (await client.get('/rh/salaries?tri=nom&ordre=desc').actingAs(hr)).text()
    const shown = /<tbody>[\s\S]*?<th scope="row"><a [^>]*>([^<]*)</.exec(html)?.[1] ?? ''
    assert.isTrue(shown.startsWith(first.surname), `${shown} / ${first.surname}`)
    assert.match(html, /aria-sort="descending">\s*<a href="\?tri=nom&amp;ordre=asc"/)
  })
})
