import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type Organisation from '#models/core/organisation'
import type User from '#models/core/user'
import { isolated, makeOrganisation, makeUser, readWorkbook } from '#tests/helpers'
import { asOrg, setupLedger } from '#tests/fixtures/accounting'
import { createDraft, type DraftLineInput } from '#actions/accounting/drafts'
import { validateEntry } from '#actions/accounting/ledger'

const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ')
/** The full cost printed on a programme's row (data-programme="CODE"). */
const costOf = (html: string, code: string) =>
  plain(
    new RegExp(`data-programme="${code}">[\\s\\S]*?data-cost>([^<]*)<`).exec(html)?.[1] ?? 'absent'
  )
const overheadsOf = (html: string, code: string) =>
  plain(
    new RegExp(`data-programme="${code}">[\\s\\S]*?data-overheads>([^<]*)<`).exec(html)?.[1] ??
      'absent'
  )
const total = (html: string, key: string) =>
  plain(new RegExp(`data-total="${key}">([^<]*)<`).exec(html)?.[1] ?? '')

/**
 * A small organisation, fiscal year 2024, hand-computed:
 * - direct costs: CEJ 6411 6 000,00 + 6064 1 000,00 = 7 000,00 €; PLIE 6411 3 000,00 €; MOB none;
 * - overheads (no programme): 6132 rent 1 000,01 €; charges of the year 11 000,01 €;
 * - revenue on lines: CEJ 741 1 000,00 €, PLIE 741 3 000,00 €;
 * - staff time: Alice 100 % CEJ all year (1 FTE), Bruno 50 % PLIE and 50 % MOB (0,5 FTE each);
 * - a draft entry (6064 500,00 € on CEJ) that counts nowhere.
 * Overheads in cents 100 001, spread by largest remainder:
 * - FTE 50/25/25 %: 50 000,5 / 25 000,25 / 25 000,25 → CEJ 500,01, PLIE 250,00, MOB 250,00;
 * - direct costs 70/30 %: 70 000,7 / 30 000,3 → CEJ 700,01, PLIE 300,00 (MOB not listed);
 * - revenue 25/75 %: 25 000,25 / 75 000,75 → CEJ 250,00, PLIE 750,01.
 */
async function smallOrganisation() {
  const organisation = await makeOrganisation('Mission Locale coûts')
  const ledger = await setupLedger(organisation, [2024])
  const programmes = await db
    .table('programmes')
    .multiInsert(
      ['CEJ', 'PLIE', 'MOB'].map((code, position) => ({
        organisation_id: organisation.id,
        code,
        name: `Dispositif ${code}`,
        level: 'national',
        position,
      }))
    )
    .returning(['id', 'code'])
  const id = Object.fromEntries(programmes.map((p) => [p.code, p.id as number]))
  const employees = await db
    .table('employees')
    .multiInsert(
      ['Alice', 'Bruno'].map((name, i) => ({
        organisation_id: organisation.id,
        registry_number: `M00${i + 1}`,
        surname: 'Durand',
        first_names: name,
        sex: 'F',
      }))
    )
    .returning('id')
  await db.table('contracts').multiInsert(
    employees.map((e) => ({
      organisation_id: organisation.id,
      employee_id: e.id,
      contract_type: 'cdi',
      job_title: 'Conseiller',
      start_date: '2020-01-01',
    }))
  )
  const allocations = []
  for (let month = 1; month <= 12; month++) {
    const iso = `2024-${String(month).padStart(2, '0')}-01`
    const row = (employee: number, programme: string, share: string) => ({
      organisation_id: organisation.id,
      employee_id: employees[employee].id,
      programme_id: id[programme],
      month: iso,
      share,
    })
    allocations.push(row(0, 'CEJ', '1.0000'), row(1, 'PLIE', '0.5000'), row(1, 'MOB', '0.5000'))
  }
  await db.table('time_allocations').multiInsert(allocations)
  const post = (journal: string, lines: DraftLineInput[], validate = true) =>
    asOrg(organisation, async () => {
      const draft = await createDraft({
        journalId: ledger.journal[journal],
        entryDate: '2024-06-30',
        label: 'Écriture',
        lines,
      })
      if (validate) await validateEntry(draft.id)
    })
  await post('SA', [
    { accountNumber: '6411', debit: '6000.00', programmeId: id.CEJ },
    { accountNumber: '6411', debit: '3000.00', programmeId: id.PLIE },
    { accountNumber: '421', credit: '9000.00' },
  ])
  await post('AC', [
    { accountNumber: '6064', debit: '1000.00', programmeId: id.CEJ },
    { accountNumber: '6132', debit: '1000.01' },
    { accountNumber: '401', credit: '2000.01' },
  ])
  await post('VE', [
    { accountNumber: '512', debit: '4000.00' },
    { accountNumber: '741', credit: '1000.00', programmeId: id.CEJ },
    { accountNumber: '741', credit: '3000.00', programmeId: id.PLIE },
  ])
  await post(
    'AC',
    [
      { accountNumber: '6064', debit: '500.00', programmeId: id.CEJ },
      { accountNumber: '401', credit: '500.00' },
    ],
    false
  )
  return { organisation, finance: await makeUser(organisation, ['finance']) }
}

async function page(client: ApiClient, user: User, key: string) {
  const response = await client
    .get(`/comptabilite/cout-par-dispositif?annee=2024&cle=${key}`)
    .actingAs(user)
  response.assertStatus(200)
  return plain(response.text())
}

test.group('Cost per programme', (group) => {
  isolated(group)

  test('FTE key: direct costs plus overheads spread by staff time, total = charges of the year', async ({
    client,
    assert,
  }) => {
    const { finance } = await smallOrganisation()
    const html = await page(client, finance, 'etp')
    assert.equal(costOf(html, 'CEJ'), '7 500,01 €')
    assert.equal(costOf(html, 'PLIE'), '3 250,00 €')
    assert.equal(costOf(html, 'MOB'), '250,00 €')
    assert.equal(overheadsOf(html, 'CEJ'), '500,01 €')
    assert.equal(total(html, 'cost'), '11 000,01 €')
    assert.equal(total(html, 'charges'), '11 000,01 €')
    assert.include(html, 'Temps de personnel affecté (ETP)')
    assert.include(html, 'window.print()')
  })

  test('direct-cost and revenue keys follow their own proportions', async ({ client, assert }) => {
    const { finance } = await smallOrganisation()
    const direct = await page(client, finance, 'couts_directs')
    assert.equal(costOf(direct, 'CEJ'), '7 700,01 €')
    assert.equal(costOf(direct, 'PLIE'), '3 300,00 €')
    assert.equal(costOf(direct, 'MOB'), 'absent')
    assert.equal(total(direct, 'cost'), '11 000,01 €')
    const revenue = await page(client, finance, 'produits')
    assert.equal(costOf(revenue, 'CEJ'), '7 250,00 €')
    assert.equal(costOf(revenue, 'PLIE'), '3 750,01 €')
    assert.equal(total(revenue, 'cost'), '11 000,01 €')
  })

  test('the workbook has the same figures; an unknown key is refused, nothing breaks', async ({
    client,
    assert,
  }) => {
    const { finance } = await smallOrganisation()
    const response = await client
      .get('/comptabilite/cout-par-dispositif.xlsx?annee=2024&cle=couts_directs')
      .actingAs(finance)
    response.assertStatus(200)
    const sheet = (await readWorkbook(response)).worksheets[0]
    const rows = sheet
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1))
    const byName = new Map(rows.map((r) => [r[1], r]))
    assert.equal(Number(byName.get('Dispositif CEJ')![6]), 7700.01)
    assert.equal(Number(byName.get('Dispositif PLIE')![6]), 3300)
    assert.equal(Number(byName.get('Total des charges')![6]), 11000.01)
    const bad = await client
      .get('/comptabilite/cout-par-dispositif?annee=2024&cle=au_hasard')
      .redirects(0)
      .actingAs(finance)
    assert.oneOf(bad.status(), [302, 303, 422])
  })

  test('readers outside accounting are refused', async ({ client }) => {
    const { organisation } = await smallOrganisation()
    const hr = await makeUser(organisation as Organisation, ['hr'])
    ;(await client.get('/comptabilite/cout-par-dispositif').actingAs(hr)).assertStatus(403)
  })
})
