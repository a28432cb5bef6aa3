import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import type { ApiResponse } from '@japa/api-client'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ROLES } from '#policies/role_matrix'
import { demoOrganisation, isolated, makeUser } from '#tests/helpers'

/**
 * Hostile and clumsy input on every route and every form, taken from the router and from the
 * pages themselves, so that routes and forms added later are covered without editing this
 * test. Nothing may answer 5xx, show a stack or SQL, or echo a payload unescaped.
 */

interface Route {
  method: string
  pattern: string
}

function routes(): Route[] {
  const domains = router.toJSON() as Record<string, Array<{ pattern: string; methods: string[] }>>
  return Object.values(domains)
    .flat()
    .flatMap((route) =>
      route.methods
        .filter((method) => method !== 'HEAD')
        .map((method) => ({ method, pattern: route.pattern }))
    )
    .filter((route) => !['/logout', '/health'].includes(route.pattern))
}

const MALFORMED_IDS = ['abc', '-1', '1e3', '0', '2147483648', '99999999999999999999', '1.5', '%00']

const XSS = '"><svg onload=alert(1)>'
const HOSTILE_QUERY = {
  annee: '2023-02-30',
  budget: '1e309',
  du: '2023-02-30',
  au: '9999-99-99',
  date: '2023-13-01',
  page: '-1',
  par_page: '99999999999999999999',
  tri: XSS,
  ordre: 'sideways',
  q: XSS,
  indicateur: 'abc',
  programme: '-1',
  compte: XSS,
  journal: '2147483648',
  exercice: 'abc',
  statut: XSS,
  domain: XSS,
  from: '2023-02-30',
  to: 'abc',
}

/** One hostile value per kind, given to every field of a form at once. */
const HOSTILE_VALUES: Record<string, string> = {
  'impossible date': '2023-02-30',
  'huge amount': '1e309',
  'amount beyond numeric(15,2)': '99999999999999999999999',
  'negative': '-1',
  'not a number': 'abc',
  'markup': XSS,
  'unknown id': '2147483647',
  'beyond int4': '2147483648',
  'long text': 'x'.repeat(100_000),
}

const LEAKS = [
  /node_modules/,
  /\bat [\w$.<>]+ \(/, // a stack frame
  /\bselect\s+[\w".*, ]+\s+from\s+"?\w/i,
  /\binsert into\s+"?\w/i,
  /\bupdate\s+"\w+"\s+set\b/i,
  /\bdelete from\s+"?\w/i,
  /(?<![A-Za-z0-9_])E_[A-Z_]{4,}/,
  /Error: /,
]

function assertClean(assert: Assert, response: ApiResponse, what: string) {
  assert.isBelow(response.status(), 500, `${what} answered ${response.status()}`)
  const type = String(response.header('content-type') ?? '')
  if (!type.includes('html') && !type.includes('json')) return
  const text = response.text() ?? ''
  for (const leak of LEAKS) {
    const found = leak.exec(text)
    assert.isNull(
      found,
      `${what} shows ${found?.[0]}: …${text.slice(Math.max(0, (found?.index ?? 0) - 200), (found?.index ?? 0) + 200)}…`
    )
  }
  assert.notInclude(text, '<svg onload', `${what} echoes markup unescaped`)
}

interface Form {
  action: string
  method: string
  fields: Record<string, string>
  page: string
}

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** The forms of a page with their fields and pre-filled values (our own markup only). */
function formsOf(html: string, page: string): Form[] {
  const forms: Form[] = []
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attributes = match[1]
    if (/enctype="multipart/.test(attributes)) continue
    const action = decode(/action="([^"]*)"/.exec(attributes)?.[1] ?? page)
    const method = (/method="([^"]*)"/.exec(attributes)?.[1] ?? 'GET').toUpperCase()
    const fields: Record<string, string> = {}
    const body = match[2]
    for (const input of body.matchAll(/<input\b([^>]*)>/g)) {
      const name = /name="([^"]*)"/.exec(input[1])?.[1]
      if (!name || name === '_csrf') continue
      if (/type="(checkbox|radio)"/.test(input[1]) && !/\bchecked\b/.test(input[1])) continue
      fields[name] = decode(/value="([^"]*)"/.exec(input[1])?.[1] ?? '')
    }
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = /name="([^"]*)"/.exec(select[1])?.[1]
      if (!name) continue
      const options = [...select[2].matchAll(/<option\b([^>]*)>/g)]
      const chosen = options.find((o) => /\bselected\b/.test(o[1])) ?? options[1] ?? options[0]
      fields[name] = decode(/value="([^"]*)"/.exec(chosen?.[1] ?? '')?.[1] ?? '')
    }
    for (const area of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = /name="([^"]*)"/.exec(area[1])?.[1]
      if (name) fields[name] = decode(area[2])
    }
    forms.push({ action, method, fields, page })
  }
  return forms
}

/** Each test request runs in a savepoint of the test's transaction, rolled back after it. */
function globalTransaction(): TransactionClientContract {
  const globals = (db as unknown as { connectionGlobalTransactions: Map<string, unknown> })
    .connectionGlobalTransactions
  return [...globals.values()][0] as TransactionClientContract
}

async function inSavepoint<T>(work: () => Promise<T>): Promise<T> {
  const trx = globalTransaction()
  await trx.rawQuery('SAVEPOINT fuzz')
  try {
    return await work()
  } finally {
    await trx.rawQuery('ROLLBACK TO SAVEPOINT fuzz')
  }
}

test.group('Fuzz: hostile input on every route and form', (group) => {
  isolated(group)

  test('malformed ids in every route answer 404, never a 5xx', async ({ client, assert }) => {
    const organisation = await demoOrganisation()
    const user = await makeUser(organisation, [...ROLES])
    const withParams = routes().filter((route) => route.pattern.includes(':'))
    assert.isAbove(withParams.length, 50)
    for (const route of withParams) {
      for (const id of MALFORMED_IDS) {
        const url = route.pattern.replace(/:[^/]+/g, id)
        const response = await inSavepoint(() =>
          client
            .request(url, route.method as 'GET')
            .withCsrfToken()
            .actingAs(user)
            .redirects(0)
        )
        assertClean(assert, response, `${route.method} ${url}`)
        if (/^:(id|lineId|attendanceId|documentId)$/.test(route.pattern.match(/:[^/]+/)![0])) {
          assert.equal(
            response.status(),
            404,
            `${route.method} ${url}: ${(response.text() ?? '').replace(/\s+/g, ' ').slice(-600)}`
          )
        }
      }
    }
  }).timeout(600_000)

  test('hostile query strings on every page and form field values on every form', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const user = await makeUser(organisation, [...ROLES])
    const query = new URLSearchParams(HOSTILE_QUERY).toString()

    // Pages: every route without parameter, then one concrete page per parameterised route,
    // found in the links of the pages already read.
    const patterns = routes().filter((route) => route.method === 'GET')
    const toVisit = patterns.filter((r) => !r.pattern.includes(':')).map((r) => r.pattern)
    const matchers = patterns
      .filter((r) => r.pattern.includes(':'))
      .map((r) => ({
        pattern: r.pattern,
        regex: new RegExp(
          '^' + r.pattern.replace(/[.]/g, '\\.').replace(/:[^/]+/g, '[0-9A-Za-z_.-]+') + '$'
        ),
      }))
    const seenPatterns = new Set<string>()
    const visited = new Set<string>()
    const forms: Form[] = []
    while (toVisit.length > 0) {
      const url = toVisit.shift()!
      if (visited.has(url) || url.endsWith('.xlsx') || url.endsWith('.pdf')) continue
      visited.add(url)
      const plain = await inSavepoint(() => client.get(url).actingAs(user).redirects(0))
      assertClean(assert, plain, `GET ${url}`)
      const hostile = await inSavepoint(() =>
        client.get(`${url}?${query}`).actingAs(user).redirects(0)
      )
      assertClean(assert, hostile, `GET ${url}?${query}`)
      const html = plain.text() ?? ''
      if (!String(plain.header('content-type') ?? '').includes('html')) continue
      forms.push(...formsOf(html, url))
      for (const link of html.matchAll(/href="(\/[^"?#]*)/g)) {
        const target = decode(link[1])
        const matcher = matchers.find((m) => m.regex.test(target))
        if (matcher && !seenPatterns.has(matcher.pattern)) {
          seenPatterns.add(matcher.pattern)
          toVisit.push(target)
        }
      }
    }
    assert.isAbove(visited.size, 60, 'pages visited')
    assert.isAbove(forms.length, 40, 'forms found')

    const writes = forms.filter((form) => form.method === 'POST')
    const seenActions = new Set<string>()
    for (const form of writes) {
      const key = form.action.replace(/\/\d+/g, '/:id')
      if (seenActions.has(key) || form.action === '/logout') continue
      seenActions.add(key)
      for (const [kind, value] of Object.entries(HOSTILE_VALUES)) {
        const fields = Object.fromEntries(
          Object.keys(form.fields).map((name) => [
            name,
            name === 'version' || name === '_method' ? form.fields[name] : value,
          ])
        )
        const response = await inSavepoint(() =>
          client.post(form.action).form(fields).withCsrfToken().actingAs(user).redirects(0)
        )
        assertClean(assert, response, `POST ${form.action} (${kind}, form of ${form.page})`)
      }
    }
    assert.isAbove(seenActions.size, 30, 'distinct form actions fuzzed')
  }).timeout(900_000)
})
