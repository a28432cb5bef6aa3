import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { DEMO_USERS } from '#database/seeders/demo_users'
import { ROLES } from '#policies/role_matrix'
import {
  demoOrganisation,
  isolated,
  makeOrganisation,
  makeUser,
  readWorkbook,
} from '#tests/helpers'

interface Walked {
  method: string
  pattern: string
  hasParams: boolean
}

function routes(): Walked[] {
  const domains = router.toJSON() as Record<string, any[]>
  return Object.values(domains)
    .flat()
    .flatMap((route) =>
      (route.methods as string[])
        .filter((method) => method !== 'HEAD')
        .map((method) => ({
          method,
          pattern: route.pattern as string,
          hasParams: route.pattern.includes(':'),
        }))
    )
    .filter((route) => !['/login', '/logout', '/health'].includes(route.pattern))
}

/** One row id per table of organisation B, and a fingerprint of all of B's rows. */
async function organisationRows(organisationId: number) {
  const tables = await db
    .from('information_schema.columns')
    .where('column_name', 'organisation_id')
    .where('table_schema', 'public')
    .whereNot('table_name', 'audit_events')
    .select('table_name')
  const ids = new Set<string>()
  const fingerprint: Record<string, string> = {}
  for (const { table_name: table } of tables) {
    const hasId = await db
      .from('information_schema.columns')
      .where({ table_name: table, column_name: 'id' })
      .first()
    if (!hasId) continue
    const [row] = (
      await db.rawQuery(`SELECT id FROM "${table}" WHERE organisation_id = ? ORDER BY id LIMIT 1`, [
        organisationId,
      ])
    ).rows
    if (row) ids.add(String(row.id))
    const [print] = (
      await db.rawQuery(
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) AS h FROM "${table}" t WHERE organisation_id = ?`,
        [organisationId]
      )
    ).rows
    fingerprint[table] = `${print.n}:${print.h}`
  }
  return { ids: [...ids], fingerprint }
}

/** What a person would read in the response: the page, or every cell of an Excel download. */
async function bodyText(response: { text(): string | undefined; body(): unknown }) {
  const body = response.body()
  if (Buffer.isBuffer(body)) {
    const cells: string[] = []
    for (const sheet of (await readWorkbook(response)).worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))))
    }
    return cells.join('\n')
  }
  return response.text() ?? ''
}

/** Every row id organisation A owns, in any table. */
async function ownedIds(organisationId: number) {
  const { rows } = await db.rawQuery(
    `SELECT table_name FROM information_schema.columns c
      WHERE column_name = 'organisation_id' AND table_schema = 'public'
        AND EXISTS (SELECT 1 FROM information_schema.columns i
                     WHERE i.table_name = c.table_name AND i.column_name = 'id')`
  )
  const ids = new Set<string>()
  for (const { table_name: table } of rows) {
    const found = await db.rawQuery(`SELECT id FROM "${table}" WHERE organisation_id = ?`, [
      organisationId,
    ])
    for (const row of found.rows) ids.add(String(row.id))
  }
  return ids
}

test.group('Organisation isolation', (group) => {
  isolated(group)

  test('a user of organisation A can neither read nor change anything of organisation B, through every route', async ({
    client,
    assert,
  }) => {
    const other = await demoOrganisation()
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, [...ROLES])
    const before = await organisationRows(other.id)
    const markers = [
      other.name === organisation.name ? null : `>${other.name}<`,
      ...DEMO_USERS.map((u) => u.fullName),
    ].filter(Boolean) as string[]

    // Lists first: no other organisation's data on any page or download.
    for (const route of routes().filter((r) => !r.hasParams && r.method === 'GET')) {
      const response = await client.get(route.pattern).actingAs(user).redirects(0)
      const text = await bodyText(response)
      for (const marker of markers) {
        assert.notInclude(text, marker, `GET ${route.pattern} shows data of another organisation`)
      }
    }
    // Some pages create defaults for A on first visit: ids A owns are not B's to probe.
    const own = await ownedIds(organisation.id)
    const probes = before.ids.filter((id) => !own.has(id))

    for (const route of routes().filter((r) => r.hasParams)) {
      const key = `${route.method} ${route.pattern}`
      const absent = await client
        .request(route.pattern.replace(/:[^/]+/g, '999999999'), route.method as 'GET')
        .actingAs(user)
        .withCsrfToken()
        .redirects(0)
      for (const id of probes) {
        const response = await client
          .request(route.pattern.replace(/:[^/]+/g, id), route.method as 'GET')
          .actingAs(user)
          .withCsrfToken()
          .redirects(0)
        assert.equal(
          response.status(),
          absent.status(),
          `${key} with id ${id} of another organisation answered ${response.status()} (an absent id answers ${absent.status()})`
        )
      }
    }
    assert.deepEqual((await organisationRows(other.id)).fingerprint, before.fingerprint)
  }).timeout(600_000)
})
