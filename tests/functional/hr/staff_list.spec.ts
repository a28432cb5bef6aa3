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

test.group('Staff list: one query for the page and its totals', (group) => {
  isolated(group)

  test('totals match the contracts in force; a page past the last shows the last', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    // Independent of the page's SQL: each employee's latest contract not superseded.
    const [expected] = (
      await db.rawQuery(
        `WITH latest AS (
           SELECT e.id, e.sex, c.end_date, c.part_time_share,
                  row_number() OVER (PARTITION BY e.id ORDER BY c.start_date DESC) AS n
             FROM employees e
             LEFT JOIN contracts c ON c.employee_id = e.id AND c.superseded_at IS NULL
            WHERE e.organisation_id = ?)
         SELECT count(*)::int AS count,
                count(*) FILTER (WHERE end_date IS NULL OR end_date >= current_date)::int AS present,
                replace(to_char(coalesce(sum(part_time_share) FILTER (
                  WHERE end_date IS NULL OR end_date >= current_date), 0), 'FM999990.00'), '.', ',')
                  AS fte
           FROM latest WHERE n = 1`,
        [organisation.id]
      )
    ).rows
    const lastPage = Math.ceil(expected.count / 50)
    const first = plain((await client.get('/rh/salaries').actingAs(hr)).text())
    assert.equal(totalOf(first, 'present'), String(expected.present))
    assert.equal(totalOf(first, 'fte').replace(/\s/g, ''), expected.fte)
    const past = plain((await client.get(`/rh/salaries?page=${lastPage + 5}`).actingAs(hr)).text())
    assert.include(past, `page ${lastPage} sur ${lastPage}`)
    assert.equal(bodyRows(past), expected.count % 50 || 50)
    assert.equal(totalOf(past, 'count'), totalOf(first, 'count'))
    assert.equal(totalOf(past, 'present'), String(expected.present))
    // A page number beyond any integer is a page past the last, not a database error.
    const huge = await client.get('/rh/salaries?page=99999999999999999999999').actingAs(hr)
    huge.assertStatus(200)
    assert.include(plain(huge.text()), `page ${lastPage} sur ${lastPage}`)
  })

  test('each employee shows the latest contract in force, not a superseded one', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    const [employee] = (
      await db.rawQuery(
        `SELECT e.id, e.surname, max(c.start_date) AS latest, min(c.start_date) AS earliest
           FROM employees e JOIN contracts c ON c.employee_id = e.id AND c.superseded_at IS NULL
          WHERE e.organisation_id = ?
          GROUP BY e.id, e.surname HAVING count(*) > 1 ORDER BY e.id LIMIT 1`,
        [organisation.id]
      )
    ).rows
    assert.exists(employee, 'the demo has an employee with two contracts')
    const day = (iso: string) => iso.split('-').reverse().join('/')
    const rowOf = (html: string) =>
      new RegExp(`<a href="/rh/salaries/${employee.id}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? ''
    const html = (
      await client.get(`/rh/salaries?q=${encodeURIComponent(employee.surname)}`).actingAs(hr)
    ).text()
    assert.include(rowOf(html), day(employee.latest))
    assert.notInclude(rowOf(html), day(employee.earliest))
  })
})
