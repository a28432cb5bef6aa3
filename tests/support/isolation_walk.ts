import type { ApiClient } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/core/user'
import { readWorkbook } from '#tests/helpers'

/**
 * The organisation isolation walk (tests/functional/core/isolation*.spec.ts): a user of one
 * organisation requests every route and download, and must read nothing of another
 * organisation nor change any of its rows.
 */

export interface WalkedRoute {
  method: string
  pattern: string
  hasParams: boolean
}

/** Every route but the login, logout and health ones, one entry per method. */
export function walkedRoutes(): WalkedRoute[] {
  // The router's own JSON shape: route entries of each domain.
  const domains = router.toJSON() as Record<string, Array<{ methods: string[]; pattern: string }>>
  return Object.values(domains)
    .flat()
    .flatMap((route) =>
      route.methods
        .filter((method) => method !== 'HEAD')
        .map((method) => ({
          method,
          pattern: route.pattern,
          hasParams: route.pattern.includes(':'),
        }))
    )
    .filter((route) => !['/login', '/logout', '/health'].includes(route.pattern))
}

/** A few row ids per table of an organisation, and a fingerprint of all of its rows. */
export async function organisationRows(organisationId: number) {
  const tables = await db
    .from('information_schema.columns')
    .where('column_name', 'organisation_id')
    .where('table_schema', 'public')
    .whereNot('table_name', 'audit_events')
    .select('table_name')
  const ids: Record<string, string[]> = {}
  const fingerprint: Record<string, string> = {}
  for (const { table_name: table } of tables) {
    const hasId = await db
      .from('information_schema.columns')
      .where({ table_name: table, column_name: 'id' })
      .first()
    if (!hasId) continue
    const { rows } = await db.rawQuery(
      `SELECT id FROM "${table}" WHERE organisation_id = ? ORDER BY id LIMIT 20`,
      [organisationId]
    )
    ids[table] = rows.map((row: { id: number | string }) => String(row.id))
    const [print] = (
      await db.rawQuery(
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) AS h FROM "${table}" t WHERE organisation_id = ?`,
        [organisationId]
      )
    ).rows
    fingerprint[table] = `${print.n}:${print.h}`
  }
  return { ids, fingerprint }
}

/** What a person would read in the response: the page, or every cell of an Excel download. */
export async function bodyText(response: { text(): string | undefined; body(): unknown }) {
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

/** Every row id an organisation owns, in any table. */
export async function ownedIds(organisationId: number) {
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

/**
 * `user` requests every page and download without parameters (none may show a marker of the
 * other organisation), then every route with parameters with one id of each of the other
 * organisation's tables (each must answer as an absent id does); the other organisation's rows
 * are the same at the end.
 */
export async function walkAgainst(
  client: ApiClient,
  assert: Assert,
  user: User,
  own: { id: number },
  other: { id: number; markers: string[] }
) {
  const before = await organisationRows(other.id)
  const pages: string[] = []
  for (const route of walkedRoutes().filter((r) => !r.hasParams && r.method === 'GET')) {
    const response = await client
      .get(route.pattern)
      .actingAs(user)

      .redirects(0)
    const text = await bodyText(response)
    for (const marker of other.markers) {
      assert.notInclude(text, marker, `GET ${route.pattern} shows data of another organisation`)
    }
    pages.push(route.pattern)
  }
  // Some pages create defaults for the user's organisation on first visit: those ids are
  // not the other organisation's to probe.
  // Ids come from sequences shared by all organisations: an id of one table of the other
  // organisation may be a row of this one in another table. Each table of the other
  // organisation gives its first id that no table of this one has.
  const owned = await ownedIds(own.id)
  const probes = [
    ...new Set(
      Object.values(before.ids).flatMap((ids) => ids.filter((id) => !owned.has(id)).slice(0, 1))
    ),
  ]
  for (const route of walkedRoutes().filter((r) => r.hasParams)) {
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
  return { pages, probes }
}
