import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import { demoOrganisation, isolated, makeOrganisation, makeUser } from '#tests/helpers'
import { setupLedger } from '#tests/fixtures/accounting'
import { fiscalYearName, fiscalYearTitle, formatDate } from '#support/french_format'

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')

test.group('Screens: fiscal-year names, printed pages', (group) => {
  isolated(group)

  test('a fiscal year is never named "Exercice Exercice"', async ({ client, assert }) => {
    assert.equal(fiscalYearTitle('Exercice 2024'), 'Exercice 2024')
    assert.equal(fiscalYearTitle('2024'), 'Exercice 2024')
    assert.equal(fiscalYearName('Exercice 2022-2023'), '2022-2023')
    const organisation = await demoOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const budget = await db.from('budgets').where('organisation_id', organisation.id).firstOrFail()
    const entry = await db
      .from('entries')
      .where({ organisation_id: organisation.id, status: 'validated' })
      .firstOrFail()
    for (const url of [
      `/comptabilite/budgets/${budget.id}`,
      '/comptabilite/budgets',
      `/comptabilite/ecritures/${entry.id}`,
      '/comptabilite/etats/liasse',
      '/comptabilite/grand-livre',
      '/comptabilite',
    ]) {
      const response = await client.get(url).actingAs(admin)
      response.assertStatus(200)
      assert.notMatch(text(response.text()), /exercice\s+exercice/i, url)
    }
    const page = text(
      (await client.get(`/comptabilite/budgets/${budget.id}`).actingAs(admin)).text()
    )
    assert.include(page, 'Exercice 2024 — version')

    // Opening a year labelled "Exercice 2025" says so once.
    const fresh = await makeOrganisation()
    await setupLedger(fresh, [2024])
    const finance = await makeUser(fresh, ['finance'])
    const opened = await client
      .post('/comptabilite/exercices')
      .form({ label: 'Exercice 2025', startDate: '2025-01-01', endDate: '2025-12-31' })
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    opened.assertFlashMessage('success', 'Exercice 2025 ouvert.')
  })

  test('printed pages carry the organisation, the print date and page numbers', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation('Mission Locale "Rive" </style><script>')
    await setupLedger(organisation, [2024])
    const admin = await makeUser(organisation, ['admin'])
    const html = (await client.get('/comptabilite/balance').actingAs(admin)).text()
    const today = formatDate(new Date())
    // The footer of every printed page: the name (quotes and markup taken out) and the date.
    const style = /<style media="print">([\s\S]*?)<\/style>/.exec(html)?.[1] ?? ''
    assert.include(style, '@bottom-left')
    assert.include(style, `content: "Mission Locale  Rive    style  script  · édité le ${today}"`)
    assert.notInclude(html, '</style><script>')
    // The first page's letterhead: name and print date.
    const start = html.indexOf('<div class="print-masthead">')
    assert.isAbove(start, 0)
    const masthead = text(html.slice(start, html.indexOf('</main>')).split('<nav')[0])
    assert.include(masthead, 'Mission Locale &quot;Rive&quot; &lt;/style&gt;&lt;script&gt;')
    assert.include(masthead, `Édité le ${today}`)
    // Page numbers: CSS margin boxes (Chromium ≥ 131).
    const css = await readFile(new URL('../../../resources/css/app.css', import.meta.url), 'utf8')
    assert.match(
      css,
      /@bottom-right\s*\{\s*content: 'Page ' counter\(page\) ' \/ ' counter\(pages\)/
    )
  })
})
