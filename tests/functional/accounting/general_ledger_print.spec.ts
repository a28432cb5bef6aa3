import { test } from '@japa/runner'
import { isolated, makeOrganisation, makeUser, tenantOf } from '#tests/helpers'
import { asOrg, setupLedger } from '#tests/fixtures/accounting'
import { createDraft } from '#actions/accounting/drafts'
import { validateEntry } from '#actions/accounting/ledger'
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
 * 150 salary lines on 6411 in one validated payroll entry of 31/01/2024, more than a screen
 * page (PAGE_SIZE = 100): line i debits i euros, labelled "Prime exceptionnelle i" when i is a
 * multiple of 10. Hand-computed: 1 + … + 150 = 11 325,00 €; the primes 10 + … + 150 = 1 200,00 €.
 */
async function salaryLedger() {
  const organisation = await makeOrganisation('Mission Locale grand livre imprimable')
  const ledger = await setupLedger(organisation, [2024])
  await asOrg(organisation, async () => {
    const lines = Array.from({ length: 150 }, (_, index) => {
      const i = index + 1
      return {
        accountNumber: '6411',
        debit: `${i}.00`,
        label: i % 10 === 0 ? `Prime exceptionnelle ${i}` : `Salaire de base ${i}`,
      }
    })
    const draft = await createDraft({
      journalId: ledger.journal.SA,
      entryDate: '2024-01-31',
      label: 'Paie de janvier',
      pieceRef: 'PAIE-01',
      lines: [...lines, { accountNumber: '421', credit: '11325.00' }],
    })
    await validateEntry(draft.id)
  })
  return { organisation, admin: await makeUser(organisation, ['admin']) }
}

test.group('Grand livre: printable version', (group) => {
  isolated(group)

  test('the print view lists every line of the account on one page, with balances and letterhead', async ({
    client,
    assert,
  }) => {
    const { organisation, admin } = await salaryLedger()
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
    const { admin } = await salaryLedger()
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
    const { organisation } = await salaryLedger()
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
    const { organisation, admin } = await salaryLedger()
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
