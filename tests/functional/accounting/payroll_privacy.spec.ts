import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import type Organisation from '#models/core/organisation'
import type User from '#models/core/user'
import { FEC_IMPORT_KIND } from '#imports/accounting/fec/index'
import { demoOrganisation, isolated, makeUser, readWorkbook } from '#tests/helpers'

/**
 * Payroll privacy of the ledger (docs/adr/0003-authorisation-and-audit.md, "Payroll lines"):
 * readers without accounting.payroll_detail walk every accounting GET route of the router and
 * never meet an employee's auxiliary account, auxiliary label, payroll line label or name.
 */

const PERSONAL = '^(421|425|427|641|645)'

interface Demo {
  organisation: Organisation
  yearId: number
  payrollEntryId: number
  otherEntryId: number
  payrollJournalId: number
  budgetId: number | null
  layoutId: number | null
  importId: number
}

async function demoIds(): Promise<Demo> {
  const organisation = await demoOrganisation()
  const org = organisation.id
  const year = await db
    .from('fiscal_years')
    .where({ organisation_id: org })
    .whereRaw(`extract(year from end_date) = 2023`)
    .firstOrFail()
  const { rows: payroll } = await db.rawQuery(
    `SELECT e.id, e.journal_id FROM entries e
      WHERE e.organisation_id = ? AND e.fiscal_year_id = ?
        AND EXISTS (SELECT 1 FROM entry_lines l WHERE l.entry_id = e.id AND l.account_number ~ '${PERSONAL}' AND l.aux_number IS NOT NULL)
      ORDER BY e.id LIMIT 1`,
    [org, year.id]
  )
  const { rows: other } = await db.rawQuery(
    `SELECT e.id FROM entries e JOIN journals j ON j.id = e.journal_id
      WHERE e.organisation_id = ? AND e.fiscal_year_id = ? AND j.code = 'AC' ORDER BY e.id LIMIT 1`,
    [org, year.id]
  )
  const budget = await db.from('budgets').where('organisation_id', org).first()
  const layout = await db.from('statement_layouts').where('organisation_id', org).first()
  // A rejected FEC import whose error values are payroll cells (rolled back with the test).
  const [imported] = await db
    .insertQuery()
    .table('imports')
    .insert({
      organisation_id: org,
      kind: FEC_IMPORT_KIND,
      file_name: 'paie.txt',
      sha256: '',
      size_bytes: 100,
      status: 'rejected',
      errors: JSON.stringify({
        count: 1,
        list: [{ line: 2, field: 'CompAuxLib', value: 'Salarié 1', reason: 'trop long' }],
      }),
    })
    .returning('id')
  return {
    organisation,
    yearId: year.id,
    payrollEntryId: payroll[0].id,
    otherEntryId: other[0].id,
    payrollJournalId: payroll[0].journal_id,
    budgetId: budget?.id ?? null,
    layoutId: layout?.id ?? null,
    importId: imported.id,
  }
}

/** What must never reach a reader without payroll detail. */
async function payrollMarkers(organisationId: number) {
  const { rows: aux } = await db.rawQuery(
    `SELECT DISTINCT aux_number, aux_label FROM entry_lines
      WHERE organisation_id = ? AND account_number ~ '${PERSONAL}'
        AND (aux_number IS NOT NULL OR aux_label IS NOT NULL)`,
    [organisationId]
  )
  // Line labels of per-employee lines, except those that are also an account's own label.
  const { rows: labels } = await db.rawQuery(
    `SELECT DISTINCT l.label FROM entry_lines l
      WHERE l.organisation_id = ? AND l.account_number ~ '${PERSONAL}' AND l.aux_number IS NOT NULL
        AND l.label IS NOT NULL
        AND l.label NOT IN (SELECT label FROM accounts WHERE organisation_id = ?)`,
    [organisationId, organisationId]
  )
  const { rows: people } = await db.rawQuery(
    `SELECT surname, first_names FROM employees WHERE organisation_id = ?`,
    [organisationId]
  )
  const markers = new Set<string>()
  for (const row of aux) {
    if (row.aux_number) markers.add(row.aux_number)
    if (row.aux_label) markers.add(row.aux_label)
  }
  for (const row of labels) markers.add(row.label)
  for (const person of people) {
    markers.add(`${person.first_names} ${person.surname}`)
    markers.add(`${person.surname} ${person.first_names}`)
  }
  return {
    auxCount: aux.length,
    labelCount: labels.length,
    peopleCount: people.length,
    // Whole words only: "Salarié 1" must not match inside "Salarié 12".
    pattern: new RegExp(
      `(?<![\\p{L}\\p{N}])(${[...markers]
        .sort((a, b) => b.length - a.length)
        .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|')})(?![\\p{L}\\p{N}])`,
      'iu'
    ),
  }
}

/** The page, or every cell of an Excel download. */
async function bodyText(response: { text(): string | undefined; body(): unknown }) {
  const body = response.body()
  if (Buffer.isBuffer(body) && body.subarray(0, 2).toString() === 'PK') {
    const cells: string[] = []
    for (const sheet of (await readWorkbook(response)).worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))))
    }
    return cells.join('\n')
  }
  if (Buffer.isBuffer(body)) return body.toString('latin1')
  return response.text() ?? ''
}

/** Every GET route of the accounting, with real ids of the demo, plus filtered variants. */
async function accountingUrls(demo: Demo, client: any, user: User) {
  const domains = router.toJSON() as Record<string, any[]>
  const patterns = Object.values(domains)
    .flat()
    .filter((route) => (route.methods as string[]).includes('GET'))
    .map((route) => route.pattern as string)
    .filter((pattern) => pattern.startsWith('/comptabilite'))
  const qs = `exercice=${demo.yearId}&annee=2023`
  const urls: string[] = []
  for (const pattern of patterns) {
    if (!pattern.includes(':')) {
      urls.push(`${pattern}?${qs}`)
    } else if (pattern.startsWith('/comptabilite/ecritures/:id')) {
      for (const id of [demo.payrollEntryId, demo.otherEntryId])
        urls.push(`${pattern.replace(':id', String(id))}?${qs}`)
    } else if (pattern === '/comptabilite/exercices/:id/fec') {
      urls.push(pattern.replace(':id', String(demo.yearId)))
    } else if (pattern.startsWith('/comptabilite/fec/imports/:id')) {
      urls.push(pattern.replace(':id', String(demo.importId)))
    } else if (pattern.startsWith('/comptabilite/budgets/:id')) {
      if (demo.budgetId) urls.push(pattern.replace(':id', String(demo.budgetId)))
    } else if (pattern.startsWith('/comptabilite/presentations/:id')) {
      if (demo.layoutId) urls.push(pattern.replace(':id', String(demo.layoutId)))
    } else if (pattern.startsWith('/comptabilite/etats/:kind/lignes/:code')) {
      // Every drill-down the statements link to (both layouts).
      for (const [kind, page] of [
        ['compte-de-resultat', 'compte-de-resultat'],
        ['bilan', 'bilan'],
      ]) {
        for (const layout of ['rapport-annuel', 'anc-2018-06']) {
          const html = (
            await client
              .get(`/comptabilite/etats/${page}?annee=2023&presentation=${layout}`)
              .actingAs(user)
          ).text()
          const codes = new Set(
            [...String(html).matchAll(new RegExp(`/etats/${kind}/lignes/([^/?"]+)`, 'g'))].map(
              (m) => m[1]
            )
          )
          for (const code of codes)
            urls.push(
              `${pattern.replace(':kind', kind).replace(':code', code)}?annee=2023&presentation=${layout}`
            )
        }
      }
    } else {
      throw new Error(`Route de comptabilité non parcourue : ${pattern} (ajoutez ses identifiants)`)
    }
  }
  // The grand livre of each personal account, the payroll journal, the journal of 421.
  const { rows: personal } = await db.rawQuery(
    `SELECT DISTINCT account_number FROM entry_lines WHERE organisation_id = ? AND account_number ~ '${PERSONAL}' ORDER BY 1`,
    [demo.organisation.id]
  )
  for (const { account_number: account } of personal) {
    urls.push(`/comptabilite/grand-livre?${qs}&compte=${account}`)
    urls.push(`/comptabilite/grand-livre.xlsx?${qs}&compte=${account}`)
  }
  for (const page of [1, 2]) {
    urls.push(`/comptabilite/ecritures?${qs}&journal=${demo.payrollJournalId}&page=${page}`)
    urls.push(`/comptabilite/ecritures?${qs}&compte_de=421&compte_a=421&page=${page}`)
  }
  urls.push(`/comptabilite/ecritures.xlsx?${qs}&journal=${demo.payrollJournalId}`)
  return urls
}

/** Debit and credit per account of a grand-livre workbook (Decimal sums of its cells). */
async function ledgerTotals(response: { body(): unknown }) {
  const sheet = (await readWorkbook(response)).worksheets[0]
  const totals = new Map<string, { debit: Decimal; credit: Decimal; lines: number }>()
  const header = (sheet.getRow(1).values as unknown[]).map(String)
  const col = (name: string) => header.indexOf(name)
  sheet.eachRow((row, n) => {
    if (n === 1) return
    const account = String(row.getCell(col('Compte')).value)
    const current = totals.get(account) ?? {
      debit: new Decimal(0),
      credit: new Decimal(0),
      lines: 0,
    }
    current.debit = current.debit.plus(new Decimal(String(row.getCell(col('Débit')).value ?? 0)))
    current.credit = current.credit.plus(new Decimal(String(row.getCell(col('Crédit')).value ?? 0)))
    current.lines++
    totals.set(account, current)
  })
  return totals
}

test.group('Payroll privacy of the ledger', (group) => {
  isolated(group)

  // Every role with accounting.read and without HR personal access (issue #11); finance keeps
  // the full FEC, the legal file it hands to the tax authority, and nothing else in detail.
  for (const role of ['board', 'direction', 'finance'] as const) {
    test(`${role}: no payroll auxiliary, label or employee name on any accounting page or export`, async ({
      client,
      assert,
    }) => {
      const demo = await demoIds()
      const markers = await payrollMarkers(demo.organisation.id)
      assert.isAbove(markers.auxCount, 100, 'the demo posts payroll per employee')
      assert.isAbove(markers.labelCount, 0)
      assert.isAbove(markers.peopleCount, 100)
      const user = await makeUser(demo.organisation, [role])
      const urls = await accountingUrls(demo, client, user)
      assert.isAbove(urls.length, 40)
      const fecUrl = `/comptabilite/exercices/${demo.yearId}/fec`
      for (const url of urls.filter((u) => !u.startsWith(fecUrl))) {
        const response = await client.get(url).actingAs(user).redirects(0)
        const status = response.status()
        assert.isBelow(status, 500, `${url} failed for ${role}`)
        const text = await bodyText(response)
        const leak = text.match(markers.pattern)
        assert.isNull(leak, `${url} shows « ${leak?.[0]} » to ${role}`)
        const entryPage = (id: number) =>
          url.startsWith(`/comptabilite/ecritures/${id}?`) ||
          url.startsWith(`/comptabilite/ecritures/${id}/export.xlsx`)
        if (entryPage(demo.payrollEntryId)) {
          assert.equal(status, 403, `${url}: a payroll entry is refused to ${role}`)
          assert.include(text, 'écriture de paie')
        } else if (entryPage(demo.otherEntryId)) {
          assert.equal(status, 200, `${url}: other entries stay readable by ${role}`)
        }
      }
      // The full FEC is for finance and admin only; the import page hides the file's values.
      const fec = await client.get(fecUrl).actingAs(user).redirects(0)
      assert.equal(fec.status(), role === 'finance' ? 200 : 403)
      const imported = await client.get(`/comptabilite/fec/imports/${demo.importId}`).actingAs(user)
      imported.assertStatus(200)
      assert.include(imported.text(), 'CompAuxLib')
      assert.include(imported.text(), '(masqué)')
    }).timeout(600_000)
  }

  test('summed payroll rows give the same totals per account as the detail', async ({
    client,
    assert,
  }) => {
    const demo = await demoIds()
    const board = await makeUser(demo.organisation, ['board'])
    const finance = await makeUser(demo.organisation, ['admin'])
    const url = `/comptabilite/grand-livre.xlsx?exercice=${demo.yearId}`
    const masked = await ledgerTotals(await client.get(url).actingAs(board))
    const full = await ledgerTotals(await client.get(url).actingAs(finance))
    assert.deepEqual([...masked.keys()].sort(), [...full.keys()].sort())
    for (const [account, totals] of full) {
      const seen = masked.get(account)!
      assert.equal(seen.debit.toFixed(2), totals.debit.toFixed(2), `debit of ${account}`)
      assert.equal(seen.credit.toFixed(2), totals.credit.toFixed(2), `credit of ${account}`)
    }
    // 6411 and 421 are summed per month (one row per month), not per employee.
    assert.isAbove(full.get('6411')!.lines, 1000)
    assert.isBelow(masked.get('6411')!.lines, full.get('6411')!.lines - 1000)
    assert.isBelow(masked.get('421')!.lines, full.get('421')!.lines)
    assert.isTrue(full.get('6411')!.debit.greaterThan(0))

    // The grand livre page of 6411 (a quarter, with an opening balance) ends on the same
    // balance, its closing over all its pages; the balance générale is identical.
    const page = (role: User) =>
      client
        .get(
          `/comptabilite/grand-livre?exercice=${demo.yearId}&compte=6411&du=2023-04-01&au=2023-06-30`
        )
        .actingAs(role)
    const lastBalance = (html: string) => /data-total="closing">([^<]+)</.exec(html)?.[1]
    const boardPage = (await page(board)).text()
    assert.include(boardPage, 'Cumul paie et personnel 05/2023')
    assert.isDefined(lastBalance(boardPage))
    assert.equal(lastBalance(boardPage), lastBalance((await page(finance)).text()))
    const balance = async (role: User) =>
      bodyText(
        await client.get(`/comptabilite/balance.xlsx?exercice=${demo.yearId}`).actingAs(role)
      )
    assert.equal(await balance(board), await balance(finance))

    // The journal: payroll entries of a month come as one row with their total.
    const journal = (
      await client
        .get(`/comptabilite/ecritures?exercice=${demo.yearId}&journal=${demo.payrollJournalId}`)
        .actingAs(board)
    ).text()
    assert.include(journal, 'Paie et personnel : 1 écriture(s) de 01/2023 cumulée(s)')
    assert.notInclude(journal, `/comptabilite/ecritures/${demo.payrollEntryId}"`)
  }).timeout(300_000)

  test('admin keeps the detail and the FEC; hr stays outside the accounting', async ({
    client,
    assert,
  }) => {
    const demo = await demoIds()
    const markers = await payrollMarkers(demo.organisation.id)
    for (const role of ['admin'] as const) {
      const user = await makeUser(demo.organisation, [role])
      const entry = await client
        .get(`/comptabilite/ecritures/${demo.payrollEntryId}`)
        .actingAs(user)
      entry.assertStatus(200)
      assert.match(entry.text(), markers.pattern, `${role} sees the payroll entry's auxiliaries`)
      const lines = await client
        .get(`/comptabilite/ecritures.xlsx?exercice=${demo.yearId}&compte=421`)
        .actingAs(user)
      assert.match(await bodyText(lines), markers.pattern, `${role} exports the auxiliaries`)
      const fec = await client
        .get(`/comptabilite/exercices/${demo.yearId}/fec`)
        .actingAs(user)
        .redirects(0)
      fec.assertStatus(200)
      assert.match(await bodyText(fec), markers.pattern, `${role}'s FEC carries the auxiliaries`)
      const imported = await client.get(`/comptabilite/fec/imports/${demo.importId}`).actingAs(user)
      assert.include(imported.text(), 'Salarié 1')
    }
    const hr = await makeUser(demo.organisation, ['hr'])
    for (const url of ['/comptabilite/grand-livre', `/comptabilite/exercices/${demo.yearId}/fec`])
      (await client.get(url).actingAs(hr).redirects(0)).assertStatus(403)
  }).timeout(300_000)
})
