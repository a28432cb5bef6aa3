import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/core/user'
import { demoOrganisation, inspecting, isolated } from '#tests/helpers'

/** The SQL statements sent while `work` runs, from the knex client (transactions included). */
async function captured(work: () => Promise<unknown>) {
  const queries: string[] = []
  const knex = db.connection().getWriteClient()
  const listener = (query: { sql: string }) => queries.push(query.sql)
  knex.on('query', listener)
  try {
    await work()
  } finally {
    knex.off('query', listener)
  }
  return queries
}

/**
 * The main pages of issue #12 ("Pages under load"), with the most queries a request may send
 * once the caches are warm (test environment: sessions in memory, so the session row is not
 * counted). A page that starts querying per row, or a cache that stops holding, fails here
 * whatever the machine's load.
 */
const PAGES: Array<[string, string, number]> = [
  // Session user with memberships and alert counter, getting started, bank accounts.
  ['home', '/', 3],
  // User, page of conventions with their totals, funder choices with the year range.
  ['conventions', '/financements/conventions', 3],
  // User, ledger version (filter choices), ledger version (figures).
  ['balance générale', '/comptabilite/balance?exercice=:2023', 3],
  // User, ledger version (filter choices), ledger version (figures).
  ['compte de résultat', '/comptabilite/etats/compte-de-resultat?annee=2023', 3],
  ['bilan', '/comptabilite/etats/bilan?annee=2023', 3],
  // User, page of employees with their totals, job references.
  ['staff list', '/rh/salaries', 3],
  // User, colleges with the seats (member bodies and persons).
  ['governance', '/gouvernance', 2],
]

test.group('Pages under load | queries per request', (group) => {
  isolated(group)

  test('each main page sends no more than its budget of queries once warm', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const admin = await inspecting(() =>
      User.query().where('email', 'admin@demo.socle.fr').firstOrFail()
    )
    const year = await db
      .from('fiscal_years')
      .where({ organisation_id: organisation.id, end_date: '2023-12-31' })
      .firstOrFail()
    const counts: Record<string, number> = {}
    const over: string[] = []
    for (const [label, pattern, budget] of PAGES) {
      const url = pattern.replace(':2023', String(year.id))
      ;(await client.get(url).actingAs(admin)).assertStatus(200)
      const queries = await captured(async () => {
        const response = await client.get(url).actingAs(admin)
        response.assertStatus(200)
      })
      counts[label] = queries.length
      if (process.env.PAGE_QUERIES_VERBOSE) console.log(label, queries)
      if (queries.length > budget)
        over.push(`${label}: ${queries.length} > ${budget}\n${queries.join('\n')}`)
    }
    console.log('queries per request', counts)
    assert.deepEqual(over, [])
  })
})
