import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { FEC_IMPORT_KIND } from '#imports/accounting/fec/index'
import { importKinds } from '#imports/registry'
import { payrollEntrySql } from '#reports/accounting/payroll_privacy'
import { ROLES, ROLE_MATRIX, type Permission, type Role } from '#policies/role_matrix'
import { demoOrganisation, isolated, makeUser, readWorkbook } from '#tests/helpers'

/**
 * Personal HR data and individual pay are for hr.personal only (issue #11): every role without
 * it walks every GET route it may read on the demo organisation, pages and Excel exports, with
 * real ids found by following the links of the pages (and table lookups for the routes no page
 * links to), and never meets an employee's name or an individual salary figure. Roles without
 * accounting.payroll_detail also never meet a payroll auxiliary, a per-employee payroll line
 * label or the amount of a per-employee payroll line (docs/adr/0003, "Payroll lines").
 */

const WALKED: Role[] = ROLES.filter(
  (role) => !(ROLE_MATRIX['hr.personal'] as readonly Role[]).includes(role)
)
const PAYROLL_DETAIL = ROLE_MATRIX['accounting.payroll_detail'] as readonly Role[]
const FEC_READERS = ROLE_MATRIX['accounting.fec'] as readonly Role[]

const PERSONAL = '^(421|425|427|641|645)'
/** Pages visited per route pattern (query variants and ids), to keep the walk in minutes. */
const PER_PATTERN = 12

interface GetRoute {
  pattern: string
  permission: Permission | null
  regex: RegExp
}

function getRoutes(): GetRoute[] {
  const domains = router.toJSON() as Record<string, any[]>
  return Object.values(domains)
    .flat()
    .filter((route) => (route.methods as string[]).includes('GET'))
    .map((route) => {
      const middleware = [...route.middleware.all()] as Array<{
        name?: string
        args?: { permission?: Permission }
      }>
      const pattern = route.pattern as string
      return {
        pattern,
        permission: middleware.find((m) => m.name === 'permit')?.args?.permission ?? null,
        regex: new RegExp(
          '^' + pattern.replace(/[.]/g, '\\.').replace(/:[^/]+/g, '[0-9A-Za-z_.-]+') + '$'
        ),
      }
    })
    .filter((route) => route.permission !== null)
}

const canonical = (amount: string) => {
  const [units, cents = ''] = amount.replace(/^-/, '').split('.')
  return `${units.replace(/^0+(?=\d)/, '')}.${cents.padEnd(2, '0')}`
}

interface Markers {
  /** Employee names (and, without payroll detail, auxiliaries and payroll line labels). */
  words: RegExp
  /** Amounts (canonical `1234.50`) with what they are, for the failure message. */
  amounts: Map<string, string>
  counts: Record<string, number>
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

async function markersFor(organisationId: number, payrollDetail: boolean): Promise<Markers> {
  const words = new Set<string>()
  const amounts = new Map<string, string>()
  const { rows: people } = await db.rawQuery(
    `SELECT surname, first_names FROM employees WHERE organisation_id = ? AND anonymised_at IS NULL`,
    [organisationId]
  )
  for (const person of people) {
    words.add(`${person.first_names} ${person.surname}`)
    words.add(`${person.surname} ${person.first_names}`)
  }
  // Amounts published in their own right, that an individual figure may equal by chance: the
  // lines outside payroll entries and the training plan's totals per action.
  const { rows: published } = await db.rawQuery(
    `SELECT DISTINCT (o.debit + o.credit)::text AS amount
       FROM entry_lines o JOIN entries e ON e.id = o.entry_id
      WHERE o.organisation_id = :org AND NOT ${payrollEntrySql('e')}
     UNION SELECT sum(amount)::text FROM training_cost_lines WHERE organisation_id = :org
      GROUP BY training_action_id, kind
     UNION SELECT sum(amount)::text FROM training_cost_lines WHERE organisation_id = :org
      GROUP BY training_action_id
     UNION SELECT sum(amount_expected)::text FROM training_financing_lines WHERE organisation_id = :org
      GROUP BY training_action_id
     UNION SELECT sum(amount_received)::text FROM training_financing_lines WHERE organisation_id = :org
      GROUP BY training_action_id`,
    { org: organisationId }
  )
  const coincidences = new Set(
    published.filter((row: any) => row.amount !== null).map((row: any) => canonical(row.amount))
  )
  const { rows: salaries } = await db.rawQuery(
    `SELECT DISTINCT gross_annual_fte::text AS amount FROM salary_events WHERE organisation_id = ?`,
    [organisationId]
  )
  for (const row of salaries) {
    const key = canonical(row.amount)
    if (!coincidences.has(key)) amounts.set(key, 'salaire annuel brut ETP')
  }
  // Pay components (bonuses, benefits in kind, overtime: migration 9200) are individual pay too.
  const { rows: components } = await db.rawQuery(
    `SELECT DISTINCT amount::text AS amount FROM pay_components WHERE organisation_id = ?`,
    [organisationId]
  )
  for (const row of components) {
    const key = canonical(row.amount)
    if (!coincidences.has(key) && !amounts.has(key)) amounts.set(key, 'élément de paie')
  }
  const counts: Record<string, number> = {
    people: people.length,
    salaries: salaries.length,
    aux: 0,
    labels: 0,
    lines: 0,
  }
  if (!payrollDetail) {
    const { rows: aux } = await db.rawQuery(
      `SELECT DISTINCT aux_number, aux_label FROM entry_lines
        WHERE organisation_id = ? AND account_number ~ '${PERSONAL}'
          AND (aux_number IS NOT NULL OR aux_label IS NOT NULL)`,
      [organisationId]
    )
    for (const row of aux) {
      if (row.aux_number) words.add(row.aux_number)
      if (row.aux_label) words.add(row.aux_label)
    }
    const { rows: labels } = await db.rawQuery(
      `SELECT DISTINCT l.label FROM entry_lines l
        WHERE l.organisation_id = ? AND l.account_number ~ '${PERSONAL}' AND l.aux_number IS NOT NULL
          AND l.label IS NOT NULL
          AND l.label NOT IN (SELECT label FROM accounts WHERE organisation_id = ?)`,
      [organisationId, organisationId]
    )
    for (const row of labels) words.add(row.label)
    // Amounts of per-employee lines on 421 and 641.
    const { rows: lines } = await db.rawQuery(
      `SELECT DISTINCT (l.debit + l.credit)::text AS amount FROM entry_lines l
        WHERE l.organisation_id = ? AND l.account_number ~ '^(421|641)' AND l.aux_number IS NOT NULL
          AND (l.debit + l.credit) <> 0`,
      [organisationId]
    )
    for (const row of lines) {
      const key = canonical(row.amount)
      if (!amounts.has(key) && !coincidences.has(key))
        amounts.set(key, 'ligne de paie individuelle (421/641)')
    }
    counts.aux = aux.length
    counts.labels = labels.length
    counts.lines = lines.length
  }
  return {
    words: new RegExp(
      `(?<![\\p{L}\\p{N}])(${[...words]
        .sort((a, b) => b.length - a.length)
        .map(escape)
        .join('|')})(?![\\p{L}\\p{N}])`,
      'iu'
    ),
    amounts,
    counts,
  }
}

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&#x202f;/gi, '\u202f')
    .replace(/&amp;/g, '&')

/** Amounts written with cents: `1 234,56` (Intl fr-FR separators) or `1234.56`. */
const AMOUNT =
  /(?<![\d.,\u202f\u00a0])(\d{1,3}(?:[\u202f\u00a0]\d{3})+,\d{2}|\d+,\d{2}|\d+\.\d{2})(?![\d])/g

interface Found {
  what: string
  context: string
}

function findIn(text: string, markers: Markers): Found | null {
  const word = markers.words.exec(text)
  if (word) {
    return {
      what: word[0],
      context: text.slice(Math.max(0, word.index - 120), word.index + 120),
    }
  }
  for (const match of text.matchAll(AMOUNT)) {
    const key = canonical(match[1].replace(/[\u202f\u00a0]/g, '').replace(',', '.'))
    const kind = markers.amounts.get(key)
    if (kind) {
      return {
        what: `${match[1]} (${kind})`,
        context: text.slice(Math.max(0, match.index - 160), match.index + 80),
      }
    }
  }
  return null
}

/**
 * What a reader meets: the page (markup with its attributes, then its text with one space
 * between cells, so that a surname and first names in two cells read as a name), or every row
 * of an Excel download (cells joined by a space).
 */
async function readable(response: { text(): string | undefined; body(): unknown }) {
  const body = response.body()
  if (Buffer.isBuffer(body) && body.subarray(0, 2).toString() === 'PK') {
    const lines: string[] = []
    for (const sheet of (await readWorkbook(response)).worksheets) {
      // Running balances (« Solde ») add up lines: never one line's amount.
      const balances = new Set<number>()
      sheet.getRow(1).eachCell((cell, col) => {
        if (/^solde\b/i.test(String(cell.text))) balances.add(col)
      })
      sheet.eachRow((row) => {
        const cells: string[] = [`${sheet.name}:`]
        row.eachCell((cell, col) => {
          if (balances.has(col)) return
          // Money and 2-decimal cells as `1234.56`, so that amounts are compared exactly.
          if (typeof cell.value === 'number' && /0\.00/.test(cell.numFmt ?? '')) {
            cells.push(cell.value.toFixed(2))
          } else {
            cells.push(String(cell.text))
          }
        })
        lines.push(cells.join(' '))
      })
    }
    return { html: false, text: lines.join('\n') }
  }
  if (Buffer.isBuffer(body)) return { html: false, text: body.toString('latin1') }
  // The CSRF token is random text that can hold, by chance, an auxiliary number (`…_s068_…`).
  const markup = (response.text() ?? '')
    .replace(/(name=(['"])_csrf\2\s+value=)(['"])[^'"]*\3/g, '$1$3$3')
    .replace(/(name=(['"])csrf-token\2\s+content=)(['"])[^'"]*\3/g, '$1$3$3')
  const words = markup
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[ \t\r\n]+/g, ' ')
  return { html: true, text: `${decode(markup)}\n${decode(words)}` }
}

interface Seeds {
  yearId: number
  payrollJournalId: number | null
}

async function demoSeeds(organisationId: number): Promise<Seeds> {
  const year = await db
    .from('fiscal_years')
    .where({ organisation_id: organisationId })
    .whereRaw(`extract(year from end_date) = 2023`)
    .firstOrFail()
  const { rows } = await db.rawQuery(
    `SELECT e.journal_id FROM entries e
      WHERE e.organisation_id = ? AND ${payrollEntrySql('e')} ORDER BY e.id LIMIT 1`,
    [organisationId]
  )
  return { yearId: year.id, payrollJournalId: rows[0]?.journal_id ?? null }
}

/**
 * Routes no page links to in the demo, with an id from their table (a pattern listed here and
 * also reached by links is visited both ways).
 */
const ids = async (sql: string, org: number) =>
  (await db.rawQuery(sql, [org])).rows as Array<Record<string, string | number>>
const LOOKUPS: Record<string, (org: number) => Promise<string[]>> = {
  '/imports/:kind/nouveau': async () => importKinds().map((kind) => `/imports/${kind}/nouveau`),
  '/imports/:kind/modele.xlsx': async () =>
    importKinds().map((kind) => `/imports/${kind}/modele.xlsx`),
  '/imports/:kind/:id/erreurs.xlsx': async (org) =>
    (
      await ids(`SELECT id, kind FROM imports WHERE organisation_id = ? ORDER BY id LIMIT 5`, org)
    ).map((row) => `/imports/${row.kind}/${row.id}/erreurs.xlsx`),
  '/comptabilite/fec/imports/:id': async (org) =>
    (
      await ids(
        `SELECT id FROM imports WHERE organisation_id = ? AND kind = '${FEC_IMPORT_KIND}' LIMIT 3`,
        org
      )
    ).map((row) => `/comptabilite/fec/imports/${row.id}`),
  '/comptabilite/fec/imports/:id/erreurs.xlsx': async (org) =>
    (
      await ids(
        `SELECT id FROM imports WHERE organisation_id = ? AND kind = '${FEC_IMPORT_KIND}' LIMIT 3`,
        org
      )
    ).map((row) => `/comptabilite/fec/imports/${row.id}/erreurs.xlsx`),
  '/comptabilite/ecritures/:id/modifier': async (org) =>
    (
      await ids(
        `SELECT id FROM entries WHERE organisation_id = ? ORDER BY (status = 'draft') DESC, id LIMIT 2`,
        org
      )
    ).map((row) => `/comptabilite/ecritures/${row.id}/modifier`),
  '/financements/conventions/:id/documents/:documentId': async (org) =>
    (
      await ids(`SELECT id, grant_id FROM grant_documents WHERE organisation_id = ? LIMIT 3`, org)
    ).map((row) => `/financements/conventions/${row.grant_id}/documents/${row.id}`),
  // Correction pages of a convention's rows: linked from convention pages the walk may not open.
  '/financements/echeancier/:id/modifier': async (org) =>
    (
      await ids(`SELECT id FROM grant_payment_schedules WHERE organisation_id = ? LIMIT 2`, org)
    ).map((row) => `/financements/echeancier/${row.id}/modifier`),
  '/financements/objectifs/:id/modifier': async (org) =>
    (await ids(`SELECT id FROM grant_targets WHERE organisation_id = ? LIMIT 2`, org)).map(
      (row) => `/financements/objectifs/${row.id}/modifier`
    ),
  '/gouvernance/seances/:id/proces-verbal-signe': async (org) =>
    (
      await ids(
        `SELECT id FROM meetings WHERE organisation_id = ? AND signed_minutes_file IS NOT NULL LIMIT 3`,
        org
      )
    ).map((row) => `/gouvernance/seances/${row.id}/proces-verbal-signe`),
  '/gouvernance/documents/:id': async (org) =>
    (await ids(`SELECT id FROM meeting_documents WHERE organisation_id = ? LIMIT 3`, org)).map(
      (row) => `/gouvernance/documents/${row.id}`
    ),
  '/qualite/preuves/:id': async (org) =>
    (await ids(`SELECT id FROM evidence_files WHERE organisation_id = ? LIMIT 3`, org)).map(
      (row) => `/qualite/preuves/${row.id}`
    ),
}

async function walk(
  client: any,
  user: any,
  role: Role,
  organisationId: number,
  seeds: Seeds,
  onPage: (url: string, status: number, text: string) => void
) {
  // Literal patterns first: `/conventions/nouvelle` is not `/conventions/:id`.
  const allowed = getRoutes()
    .filter((route) => (ROLE_MATRIX[route.permission!] as readonly Role[]).includes(role))
    .sort((a, b) => Number(a.pattern.includes(':')) - Number(b.pattern.includes(':')))
  const year = `exercice=${seeds.yearId}&annee=2023`
  const queue: string[] = []
  for (const route of allowed.filter((r) => !r.pattern.includes(':'))) {
    queue.push(route.pattern, `${route.pattern}?${year}`)
  }
  if ((ROLE_MATRIX['accounting.read'] as readonly Role[]).includes(role)) {
    // The personal accounts one by one, and the payroll journal (summed or in detail).
    for (const account of ['421', '425', '427', '641', '6411', '645', '6451']) {
      queue.push(`/comptabilite/grand-livre?${year}&compte=${account}`)
      queue.push(`/comptabilite/grand-livre.xlsx?${year}&compte=${account}`)
    }
    if (seeds.payrollJournalId) {
      queue.push(`/comptabilite/ecritures?${year}&journal=${seeds.payrollJournalId}`)
      queue.push(`/comptabilite/ecritures.xlsx?${year}&journal=${seeds.payrollJournalId}`)
    }
  }
  for (const route of allowed) {
    const lookup = LOOKUPS[route.pattern]
    if (lookup) for (const id of await lookup(organisationId)) queue.push(id)
  }
  const visited = new Set<string>()
  const perPattern = new Map<string, number>()
  const patternOf = (url: string) =>
    allowed.find((route) => route.regex.test(url.split('?')[0]))?.pattern ?? null
  while (queue.length > 0) {
    const url = queue.shift()!
    if (visited.has(url)) continue
    const pattern = patternOf(url)
    if (!pattern) continue
    const seen = perPattern.get(pattern) ?? 0
    if (seen >= PER_PATTERN) continue
    perPattern.set(pattern, seen + 1)
    visited.add(url)
    const response = await client.get(url).actingAs(user).redirects(0)
    const { html, text } = await readable(response)
    onPage(url, response.status(), text)
    if (!html) continue
    for (const link of text.matchAll(/href="(\/[^"#]*)"/g)) {
      const target = link[1]
      if (!visited.has(target) && patternOf(target)) queue.push(target)
    }
  }
  const unreached = allowed
    .filter((route) => !perPattern.has(route.pattern))
    .map((route) => route.pattern)
  return { visited, unreached }
}

test.group('Personal data on every page and export', (group) => {
  isolated(group)

  test('the detector finds names, salaries and payroll lines where they belong', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const markers = await markersFor(organisation.id, false)
    const { rows } = await db.rawQuery(
      `SELECT s.employee_id, s.gross_annual_fte::text AS amount FROM salary_events s
        WHERE s.organisation_id = ? ORDER BY s.id LIMIT 200`,
      [organisation.id]
    )
    const person = rows.find((row: any) => markers.amounts.has(canonical(row.amount)))
    assert.exists(person, 'a salary of the demo is a marker')
    const hr = await makeUser(organisation, ['hr'])
    const file = await readable(await client.get(`/rh/salaries/${person.employee_id}`).actingAs(hr))
    assert.match(findIn(file.text, markers)?.what ?? '', /./, 'the employee file is detected')
    const everyWord = new RegExp(markers.words.source, 'giu')
    const text = file.text.replace(everyWord, '')
    assert.include(findIn(text, markers)?.what ?? '', 'salaire', 'the salary is detected')
    const list = await readable(await client.get('/rh/salaries.xlsx').actingAs(hr))
    assert.isNotNull(findIn(list.text, markers), 'the staff export is detected')
    const { rows: entries } = await db.rawQuery(
      `SELECT e.id FROM entries e WHERE e.organisation_id = ? AND ${payrollEntrySql('e')} LIMIT 1`,
      [organisation.id]
    )
    const admin = await makeUser(organisation, ['admin'])
    const entry = await readable(
      await client.get(`/comptabilite/ecritures/${entries[0].id}`).actingAs(admin)
    )
    const amountsOnly = entry.text.replace(everyWord, '')
    assert.include(findIn(amountsOnly, markers)?.what ?? '', 'ligne de paie', 'a payroll line')
  }).timeout(300_000)

  for (const role of WALKED) {
    test(`${role}: no employee name or individual pay on any page, drill-down or export`, async ({
      client,
      assert,
    }) => {
      const organisation = await demoOrganisation()
      const detail = PAYROLL_DETAIL.includes(role)
      const markers = await markersFor(organisation.id, detail)
      assert.isAbove(markers.counts.people, 100, 'the demo has staff')
      assert.isAbove(markers.counts.salaries, 100, 'the demo has salaries')
      if (!detail) assert.isAbove(markers.counts.aux, 100, 'the demo posts payroll per employee')
      const seeds = await demoSeeds(organisation.id)
      const user = await makeUser(organisation, [role])
      const leaks: string[] = []
      const failures: string[] = []
      const { visited, unreached } = await walk(
        client,
        user,
        role,
        organisation.id,
        seeds,
        (url, status, text) => {
          if (status >= 500) failures.push(`${url} answered ${status}`)
          // The full FEC is the legal file finance hands to the tax authority (ADR 3).
          if (/^\/comptabilite\/exercices\/\d+\/fec(\?|$)/.test(url) && FEC_READERS.includes(role))
            return
          const found = findIn(text, markers)
          if (found)
            leaks.push(
              `${url} (${status}) shows « ${found.what} »: …${found.context.replace(/\s+/g, ' ')}…`
            )
        }
      )
      // The network role reads the network pages only (ADR 9): a short walk.
      assert.isAbove(visited.size, role === 'network' ? 10 : 100)
      assert.deepEqual(leaks, [], `${role} meets personal data`)
      assert.deepEqual(failures, [])
      // A route left unwalked has no link in the pages and no row in the demo for its lookup.
      assert.deepEqual(
        unreached.filter((pattern) => !(pattern in LOOKUPS)),
        [],
        `${role}: routes walked by no link and no lookup`
      )
    }).timeout(600_000)
  }
})
