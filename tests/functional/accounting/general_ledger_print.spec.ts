import { test } from '@japa/runner'
import { isolated, makeUser, tenantOf } from '#tests/helpers'
import { salaryLedger } from '#tests/fixtures/general_ledger'
import {
  GENERAL_LEDGER_SORTS,
  GeneralLedgerPage,
  PAGE_SIZE,
} from '#reports/accounting/general_ledger'
import { tableState } from '#support/table_query'
import type { LedgerFilters } from '#reports/accounting/ledger_lines'

const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ')
/** Lines of the printable table (one <tr data-line> each). */
const printedLines = (html: string) => html.match(/<tr data-line>/g)?.length ?? 0
const total = (html: string, key: string) =>
  plain(new RegExp(`data-total="${key}">([^<]*)<`).exec(html)?.[1] ?? '')

/**
 * 150 salary lines on 6411 (salaryLedger), more than a screen page (PAGE_SIZE = 100).
 * Hand-computed: 1 + … + 150 = 11 325,00 €; the primes 10 + … + 150 = 1 200,00 €.
 */
const salaries = () => salaryLedger('Mission Locale grand livre imprimable', 150)

test.group('Grand livre: printable version', (group) => {
  isolated(group)

  test('the print view lists every line of the account on one page, with balances and letterhead', async ({
    client,
    assert,
  }) => {
    const { organisation, admin } = await salaries()
    const screen = plain(
      (await client.get('/comptabilite/grand-livre?compte=6411').actingAs(admin)).text()
    )
    assert.match(screen, /href="\/comptabilite\/grand-livre\/impression\?[^"]*compte=6411/)
    assert.include(screen, 'Version imprimable')
    const response = await client
      .get('/comptabilite/grand-livre/impression?compte=6411')
      .actingAs(admin)
    response.assertStatus(200)
    const html = plain(response.text())
    assert.isAbove(150, PAGE_SIZE)
    assert.equal(printedLines(html), 150)
    assert.include(html, 'Salaire de base 1<')
    assert.include(html, 'Prime exceptionnelle 150')
    assert.notInclude(html, 'Page 1 sur')
    assert.include(html, 'Solde d’ouverture')
    assert.equal(total(html, 'debit'), '11 325,00 €')
    assert.equal(total(html, 'closing'), '11 325,00 €')
    assert.include(html, 'Total des 150 lignes')
    // The organisation's letterhead (printed masthead) and the print button.
    assert.include(html, 'print-masthead')
    assert.include(html, organisation.name)
    assert.include(html, 'window.print()')
  })

  test('the print view keeps the search: only the primes, with their totals', async ({
    client,
    assert,
  }) => {
    const { admin } = await salaries()
    const html = plain(
      (
        await client.get('/comptabilite/grand-livre/impression?compte=6411&q=Prime').actingAs(admin)
      ).text()
    )
    assert.equal(printedLines(html), 15)
    assert.equal(total(html, 'debit'), '1 200,00 €')
    assert.include(html, 'contenant « Prime »')
  })

  test('a reader without payroll detail prints the monthly sums only', async ({
    client,
    assert,
  }) => {
    const { organisation } = await salaries()
    const finance = await makeUser(organisation, ['finance'])
    const html = plain(
      (
        await client.get('/comptabilite/grand-livre/impression?compte=6411').actingAs(finance)
      ).text()
    )
    assert.equal(printedLines(html), 1)
    assert.notInclude(html, 'Prime exceptionnelle')
    assert.equal(total(html, 'debit'), '11 325,00 €')
  })

  test('beyond the bound no line is listed and the workbook is offered', async ({
    client,
    assert,
  }) => {
    const { organisation, admin } = await salaries()
    const state = tableState({ compte: '6411' }, GENERAL_LEDGER_SORTS, { sort: 'date' })
    const filters: LedgerFilters = { account: '6411' }
    const bounded = await new GeneralLedgerPage(tenantOf(organisation), {
      filters,
      state,
      print: true,
      maxLines: 149,
    }).build()
    assert.isTrue(bounded.tooLong)
    assert.lengthOf(bounded.rows, 0)
    assert.equal(bounded.totals.count, 150)
    const fits = await new GeneralLedgerPage(tenantOf(organisation), {
      filters,
      state,
      print: true,
      maxLines: 150,
    }).build()
    assert.isFalse(fits.tooLong)
    assert.lengthOf(fits.rows, 150)
    // Under the default bound (5 000), the page itself says nothing of it.
    const html = plain(
      (await client.get('/comptabilite/grand-livre/impression?compte=6411').actingAs(admin)).text()
    )
    assert.notInclude(html, 'téléchargez le grand livre au format Excel')
  })
})
