import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import { isolated, makeOrganisation, makeUser, readWorkbook } from '#tests/helpers'
import { asOrg, setupLedger } from '#tests/fixtures/accounting'
import { createDraft, type DraftLineInput } from '#actions/accounting/drafts'
import { validateEntry } from '#actions/accounting/ledger'

const RESERVED = 'détail réservé (moins de 3 personnes)'
const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ')

/**
 * 2024: programme SOLO carries the pay of one person (S1: 2 345,67 €), programme TRIO the pay
 * of three (S2, S3, S4: 1 000,00 € each); 6132 rent 500,00 € without a programme.
 */
async function ledgerWithOnePerson(people: string[] = ['S1']) {
  const organisation = await makeOrganisation('Mission Locale paie')
  const ledger = await setupLedger(organisation, [2024])
  const programmes = await db
    .table('programmes')
    .multiInsert(
      ['SOLO', 'TRIO'].map((code, position) => ({
        organisation_id: organisation.id,
        code,
        name: `Dispositif ${code}`,
        level: 'national',
        position,
      }))
    )
    .returning(['id', 'code'])
  const id = Object.fromEntries(programmes.map((p) => [p.code, p.id as number]))
  const pay = (aux: string, programme: string, amount: string): DraftLineInput => ({
    accountNumber: '6411',
    debit: amount,
    auxNumber: aux,
    auxLabel: `Salarié ${aux}`,
    programmeId: id[programme],
  })
  const solo = people.map((aux) => pay(aux, 'SOLO', (2345.67 / people.length).toFixed(2)))
  const soloTotal = solo.reduce((sum, l) => sum + Number(l.debit), 0)
  const post = (journal: string, lines: DraftLineInput[]) =>
    asOrg(organisation, async () => {
      const draft = await createDraft({
        journalId: ledger.journal[journal],
        entryDate: '2024-06-30',
        label: 'Écriture',
        lines,
      })
      await validateEntry(draft.id)
    })
  await post('SA', [
    ...solo,
    pay('S2', 'TRIO', '1000.00'),
    pay('S3', 'TRIO', '1000.00'),
    pay('S4', 'TRIO', '1000.00'),
    { accountNumber: '421', credit: (soloTotal + 3000).toFixed(2) },
  ])
  await post('AC', [
    { accountNumber: '6132', debit: '500.00' },
    { accountNumber: '401', credit: '500.00' },
  ])
  return organisation
}

async function seen(client: ApiClient, user: User, key: string) {
  const response = await client
    .get(`/comptabilite/cout-par-dispositif?annee=2024&cle=${key}`)
    .actingAs(user)
  response.assertStatus(200)
  const download = await client
    .get(`/comptabilite/cout-par-dispositif.xlsx?annee=2024&cle=${key}`)
    .actingAs(user)
  download.assertStatus(200)
  const book = await readWorkbook(download)
  return {
    html: plain(response.text()),
    sheet: JSON.stringify(book.worksheets[0].getSheetValues()),
  }
}

test.group('Cost per programme keeps one person’s pay reserved (issue #14)', (group) => {
  isolated(group)

  test('board and finance: a one-person programme’s costs and the totals they come back from are reserved, page and workbook', async ({
    client,
    assert,
  }) => {
    const organisation = await ledgerWithOnePerson()
    for (const role of ['board', 'finance'] as const) {
      const user = await makeUser(organisation, [role])
      for (const key of ['etp', 'couts_directs']) {
        const { html, sheet } = await seen(client, user, key)
        assert.match(html, /data-programme="SOLO">[\s\S]*?data-reserved>détail réservé/, role)
        assert.notInclude(html, '2 345,67', `${role} ${key}`)
        // The charges of the year less TRIO's would give SOLO's back: no totals.
        assert.notInclude(html, 'data-total="direct"', `${role} ${key}`)
        assert.notInclude(html, '5 845,67', `${role} ${key}`)
        assert.include(html, '3 000,00 €')
        assert.include(sheet, RESERVED)
        assert.notInclude(sheet, '2345.67')
        assert.notInclude(sheet, '5845.67')
      }
    }
  })

  test('admin sees the figures; three people on each programme are shown to the board', async ({
    client,
    assert,
  }) => {
    const organisation = await ledgerWithOnePerson()
    const admin = await makeUser(organisation, ['admin'])
    const { html, sheet } = await seen(client, admin, 'couts_directs')
    assert.notInclude(html, RESERVED)
    assert.include(html, '2 345,67 €')
    assert.include(sheet, '2345.67')

    const shared = await ledgerWithOnePerson(['S5', 'S6', 'S7'])
    const board = await makeUser(shared, ['board'])
    const open = await seen(client, board, 'couts_directs')
    assert.notInclude(open.html, RESERVED)
    assert.include(open.html, 'data-total="direct"')
    assert.include(open.sheet, '5845.67')
  })
})
