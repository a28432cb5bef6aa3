import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/core/organisation'
import ValidateEntry from '#actions/accounting/validate_entry'
import { inspecting, isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import {
  asOrg,
  makeGrant,
  makeLedger,
  postEntry,
  tenantOf,
} from '#tests/functional/grants/fixtures'
import { flashed, lastReceipt, receiptForm, send } from '#tests/functional/grants/helpers'

type Ledger = Awaited<ReturnType<typeof makeLedger>>

/** An entry with labelled lines, validated (numbered and sealed) unless `draft`. */
async function entry(
  organisation: Organisation,
  ledger: Ledger,
  date: string,
  label: string,
  lines: Array<{ account: string; debit?: string; credit?: string }>,
  draft = false
) {
  const id = await postEntry(organisation, ledger, date, lines)
  await db
    .from('entries')
    .where('id', id)
    .update({ label, piece_ref: `PC-${label.length}` })
  await db.from('entry_lines').where('entry_id', id).update({ label })
  if (!draft) await asOrg(organisation, () => ValidateEntry.handle(tenantOf(organisation), { id }))
  const found = await db.from('entry_lines').where('entry_id', id).orderBy('line_no')
  return Object.fromEntries(found.map((l) => [l.account_number, Number(l.id)])) as Record<
    string,
    number
  >
}

async function setting() {
  const organisation = await makeOrganisation()
  const finance = await makeUser(organisation, ['finance'])
  const grant = await makeGrant(organisation, 'CHOIX')
  const ledger = await makeLedger(organisation, ['441', '512', '6226', '7413'])
  const fees = await entry(organisation, ledger, '2023-03-15', 'Honoraires cabinet Durand', [
    { account: '6226', debit: '1234.50' },
    { account: '512', credit: '1234.50' },
  ])
  const funding = await entry(organisation, ledger, '2023-04-02', 'Virement Région acompte', [
    { account: '512', debit: '5000' },
    { account: '441', credit: '5000' },
  ])
  await entry(
    organisation,
    ledger,
    '2023-05-01',
    'Brouillon jamais validé',
    [
      { account: '6226', debit: '99' },
      { account: '512', credit: '99' },
    ],
    true
  )
  return { organisation, finance, grant, fees, funding }
}

/** The options of the page's <select name="entryLineId"> elements, as written in the HTML. */
function options(html: string) {
  return [...html.matchAll(/<option value="(\d+)"[^>]*>([^<]*)<\/option>/g)].map((m) => ({
    value: Number(m[1]),
    label: m[2],
  }))
}

test.group('Grants | ledger lines chosen by description', (group) => {
  isolated(group)

  test('the convention page offers ledger lines by date, journal, piece, label and amount, never a typed number', async ({
    client,
    assert,
  }) => {
    const { finance, grant, fees, funding } = await setting()
    const page = await client.get(`/financements/conventions/${grant.id}`).actingAs(finance)
    page.assertStatus(200)
    const html = page.text()
    assert.notMatch(html, /name="entryLineId"[^>]*type="number"/)
    assert.notInclude(html, 'N° de ligne')
    const offered = options(html)
    const cost = offered.find((o) => o.value === fees['6226'])
    assert.exists(cost, 'the 6226 line is offered for allocation')
    assert.include(cost!.label, '15/03/2023')
    assert.include(cost!.label, 'Honoraires cabinet Durand')
    assert.include(cost!.label, 'pièce PC-25')
    assert.match(cost!.label, /débit 1\s234,50\s€/)
    assert.include(cost!.label, 'OD ')
    assert.include(html, '6226 — Compte 6226')
    // The receipt form offers the bank lines (512x), the incoming transfer among them.
    const bank = offered.find((o) => o.value === funding['512'])
    assert.exists(bank)
    assert.match(bank!.label, /Virement Région acompte · débit 5\s000,00\s€/)
    // Drafts are never offered; the 441 line is neither a cost, a revenue nor a bank line.
    assert.notInclude(html, 'Brouillon jamais validé')
    assert.notExists(offered.find((o) => o.value === funding['441']))

    const searched = await client
      .get(`/financements/conventions/${grant.id}`)
      .qs({ q: 'durand' })
      .actingAs(finance)
    assert.include(searched.text(), 'Honoraires cabinet Durand')
    assert.notInclude(searched.text(), 'Virement Région acompte')
    const byAmount = await client
      .get(`/financements/conventions/${grant.id}`)
      .qs({ q: '5 000' })
      .actingAs(finance)
    assert.exists(options(byAmount.text()).find((o) => o.value === funding['512']))
    assert.notExists(options(byAmount.text()).find((o) => o.value === fees['6226']))
    const none = await client
      .get(`/financements/conventions/${grant.id}`)
      .qs({ q: 'introuvable-xyz' })
      .actingAs(finance)
    assert.include(none.text(), 'Aucune ligne ne correspond à « introuvable-xyz »')
  })

  test('a chosen line is allocated, then no longer offered; a chosen bank line is matched to a receipt', async ({
    client,
    assert,
  }) => {
    const { finance, grant, fees, funding } = await setting()
    const allocated = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/imputations`,
      { entryLineId: fees['6226'] }
    )
    assert.oneOf(allocated.status(), [302, 303])
    assert.equal(flashed(allocated), '')
    const rows = await inspecting(() =>
      db.from('grant_line_allocations').where({ grant_id: grant.id })
    )
    assert.deepEqual(
      rows.map((r) => [Number(r.entry_line_id), r.amount]),
      [[fees['6226'], '1234.50']]
    )
    const page = await client.get(`/financements/conventions/${grant.id}`).actingAs(finance)
    assert.notExists(options(page.text()).find((o) => o.value === fees['6226']))

    const received = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/versements`,
      { ...receiptForm('2023-04-02', '5 000'), entryLineId: funding['512'] }
    )
    assert.equal(flashed(received), '')
    assert.equal(Number((await lastReceipt(grant.id)).entry_line_id), funding['512'])
  })

  test("another organisation's line is refused with a French message, nothing changed", async ({
    client,
    assert,
  }) => {
    const { finance, grant } = await setting()
    const other = await setting()
    const tables = ['grant_line_allocations', 'grant_receipts', 'audit_events']
    const before = await tableCounts(tables)
    const allocation = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/imputations`,
      { entryLineId: other.fees['6226'] }
    )
    allocation.assertStatus(303)
    assert.equal(
      flashed(allocation),
      'La ligne d’écriture choisie est introuvable dans le grand livre.'
    )
    const receipt = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/versements`,
      { ...receiptForm('2023-04-02', '5 000'), entryLineId: other.funding['512'] }
    )
    assert.equal(
      flashed(receipt),
      'La ligne de banque choisie est introuvable parmi les comptes 51 de l’organisation.'
    )
    assert.deepEqual(await tableCounts(tables), before)
    // Nor does the other organisation's line appear among the choices.
    const page = await client.get(`/financements/conventions/${grant.id}`).actingAs(finance)
    assert.notInclude(page.text(), `value="${other.fees['6226']}"`)
  })

  test("a receipt's correction page offers the bank lines by description", async ({
    client,
    assert,
  }) => {
    const { finance, grant, funding } = await setting()
    await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/versements`,
      receiptForm('2023-04-02', '5 000')
    )
    const receipt = await lastReceipt(grant.id)
    const page = await client.get(`/financements/recus/${receipt.id}/modifier`).actingAs(finance)
    page.assertStatus(200)
    assert.notMatch(page.text(), /name="entryLineId"[^>]*type="number"/)
    const bank = options(page.text()).find((o) => o.value === funding['512'])
    assert.exists(bank)
    assert.include(bank!.label, 'Virement Région acompte')
    const matched = await send(client, finance, 'put', `/financements/recus/${receipt.id}`, {
      receivedOn: '2023-04-02',
      amount: '5 000',
      version: receipt.version,
      entryLineId: funding['512'],
    })
    assert.equal(flashed(matched), '')
    assert.equal(Number((await lastReceipt(grant.id)).entry_line_id), funding['512'])
  })
})
