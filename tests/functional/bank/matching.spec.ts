import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import {
  asOrganisation,
  inspecting,
  isolated,
  makeOrganisation,
  makeUser,
  readWorkbook,
  tableCounts,
  tenantOf,
} from '#tests/helpers'
import { flashed, send } from '#tests/functional/grants/helpers'
import { makeGrant } from '#tests/functional/grants/fixtures'
import { bankEntry, bankLedger, camt053 } from '#tests/fixtures/bank'
import { BANK_TABLES, upload } from '#tests/functional/bank/helpers'
import { MatchProposals } from '#reports/bank/match_proposals'

/**
 * A hand-built month: five bank operations and the ledger's 512 lines.
 * - rent −1 200 on 05/01 in both: unambiguous;
 * - the Region's 25 000 on 10/01 at the bank, 12/01 in the ledger: unambiguous;
 * - fees −85,40 on 20/01 at the bank, two ledger lines of −85,40 (18/01 and 25/01): ambiguous;
 * - an FSE transfer of 5 000 on 15/01 with no ledger line but a grant receipt on 14/01;
 * - a supplier −300 on 31/01, booked on 20/02 (outside the ten days);
 * - a cheque of −450 on 28/01 in the ledger, not yet at the bank; the opening entry (AN) never matches.
 */
async function setting(client: ApiClient) {
  const organisation = await makeOrganisation()
  const finance = await makeUser(organisation, ['finance'])
  const ledger = await bankLedger(organisation)
  const entry = (day: string, amount: string, label: string, journal = 'BQ') =>
    bankEntry(organisation, ledger, day, amount, label, {
      journal,
      other: journal === 'AN' ? '110' : undefined,
    })
  const lines = {
    opening: await entry('2023-01-01', '10000', 'À-nouveaux', 'AN'),
    rent: await entry('2023-01-05', '-1200', 'Loyer janvier'),
    region: await entry('2023-01-12', '25000', 'Versement Région'),
    fees1: await entry('2023-01-18', '-85.40', 'Frais bancaires'),
    fees2: await entry('2023-01-25', '-85.40', 'Frais divers'),
    supplier: await entry('2023-02-20', '-300', 'Fournisseur'),
    cheque: await entry('2023-01-28', '-450', 'Chèque 1234'),
  }
  const grant = await makeGrant(organisation, 'FSE-1')
  const [receipt] = await db
    .table('grant_receipts')
    .insert({
      organisation_id: organisation.id,
      grant_id: grant.id,
      received_on: '2023-01-14',
      amount: '5000',
      reference: 'FSE acompte',
    })
    .returning('id')
  const response = await upload(
    client,
    finance,
    ledger.bankAccountId,
    'janvier.xml',
    camt053({
      from: '2023-01-01',
      to: '2023-01-31',
      opening: '10000',
      operations: [
        { day: '2023-01-05', amount: '-1200.00', label: 'Loyer janvier', reference: 'B1' },
        { day: '2023-01-10', amount: '25000.00', label: 'VIR REGION', reference: 'B2' },
        { day: '2023-01-15', amount: '5000.00', label: 'VIR FSE', reference: 'B3' },
        { day: '2023-01-20', amount: '-85.40', label: 'Frais', reference: 'B4' },
        { day: '2023-01-31', amount: '-300.00', label: 'Fournisseur Dupont', reference: 'B5' },
      ],
    })
  )
  if (response.status() !== 302) throw new Error(flashed(response))
  const operations = Object.fromEntries(
    (
      await inspecting(() =>
        db
          .from('bank_operations')
          .where('bank_account_id', ledger.bankAccountId)
          .select('id', 'reference')
      )
    ).map((o) => [o.reference, o.id as number])
  )
  return { organisation, finance, ledger, lines, receiptId: receipt.id as number, operations }
}

function activeItems(bankAccountId: number) {
  return inspecting(() =>
    db
      .from('bank_match_items as i')
      .join('bank_matches as m', 'm.id', 'i.match_id')
      .where('m.bank_account_id', bankAccountId)
      .where('i.active', true)
      .select(
        'i.match_id',
        'i.bank_operation_id',
        'i.entry_line_id',
        'i.grant_receipt_id',
        'i.amount'
      )
      .orderBy('i.id')
  )
}

test.group('Bank matching', (group) => {
  isolated(group)

  test('the proposals of a hand-built month are exactly right', async ({ client, assert }) => {
    const { organisation, ledger, lines, receiptId, operations } = await setting(client)
    const proposals = await asOrganisation(organisation, () =>
      new MatchProposals(tenantOf(organisation), { bankAccountId: ledger.bankAccountId }).build()
    )
    assert.deepEqual(
      proposals.map((p) => ({
        op: p.operation.id,
        unambiguous: p.unambiguous,
        candidates: p.candidates.map((c) => [c.target, c.id, c.days]),
      })),
      [
        { op: operations.B1, unambiguous: true, candidates: [['entry_line', lines.rent, 0]] },
        { op: operations.B2, unambiguous: true, candidates: [['entry_line', lines.region, 2]] },
        {
          op: operations.B3,
          unambiguous: true,
          candidates: [['grant_receipt', String(receiptId), 1]],
        },
        {
          op: operations.B4,
          unambiguous: false,
          candidates: [
            ['entry_line', lines.fees1, 2],
            ['entry_line', lines.fees2, 5],
          ],
        },
      ]
    )
  })

  test('accepting the unambiguous proposals, then one by choice; a stale choice is refused', async ({
    client,
    assert,
  }) => {
    const { finance, ledger, lines, receiptId, operations } = await setting(client)
    const all = await send(
      client,
      finance,
      'post',
      `/banque/comptes/${ledger.bankAccountId}/propositions/toutes`
    )
    assert.equal(flashed(all, 'success'), '3 proposition(s) acceptée(s).')
    const chosen = await send(
      client,
      finance,
      'post',
      `/banque/comptes/${ledger.bankAccountId}/propositions`,
      { operationId: operations.B4, target: 'entry_line', targetId: lines.fees2 }
    )
    assert.equal(flashed(chosen, 'success'), 'Proposition acceptée.')
    const items = await activeItems(ledger.bankAccountId)
    assert.deepEqual(
      items.map((i) => [i.bank_operation_id, i.entry_line_id, i.grant_receipt_id, i.amount]),
      [
        [operations.B1, null, null, '-1200.00'],
        [null, lines.rent, null, '-1200.00'],
        [operations.B2, null, null, '25000.00'],
        [null, lines.region, null, '25000.00'],
        [operations.B3, null, null, '5000.00'],
        [null, null, receiptId, '5000.00'],
        [operations.B4, null, null, '-85.40'],
        [null, lines.fees2, null, '-85.40'],
      ]
    )
    const before = await tableCounts(BANK_TABLES)
    const stale = await send(
      client,
      finance,
      'post',
      `/banque/comptes/${ledger.bankAccountId}/propositions`,
      { operationId: operations.B4, target: 'entry_line', targetId: lines.fees1 }
    )
    assert.equal(stale.status(), 303)
    assert.match(flashed(stale), /n’est plus valable/)
    const none = await send(
      client,
      finance,
      'post',
      `/banque/comptes/${ledger.bankAccountId}/propositions/toutes`
    )
    assert.match(flashed(none), /Aucune proposition sans ambiguïté/)
    const bad = await send(
      client,
      finance,
      'post',
      `/banque/comptes/${ledger.bankAccountId}/propositions`,
      { operationId: 'x', target: 'autre', targetId: 1 }
    )
    assert.equal(bad.status(), 302)
    assert.deepEqual(await tableCounts(BANK_TABLES), before)
    const page = await client
      .get(`/banque/comptes/${ledger.bankAccountId}/rapprochement`)
      .actingAs(finance)
    assert.equal(page.status(), 200)
    assert.include(page.text(), 'Fournisseur Dupont')
  })

  test('manual matching: amounts must balance, one to many works, unmatching keeps a trace', async ({
    client,
    assert,
  }) => {
    const { organisation, finance, ledger, lines, operations } = await setting(client)
    const url = `/banque/comptes/${ledger.bankAccountId}/rapprochements`
    const other = await makeOrganisation('Autre')
    const foreign = await bankLedger(other)
    const foreignLine = await bankEntry(other, foreign, '2023-01-05', '-1200', 'Loyer')
    const before = await tableCounts(BANK_TABLES)
    const unbalanced = await send(client, finance, 'post', url, {
      operationIds: [operations.B4],
      entryLineIds: [lines.fees1, lines.fees2],
    })
    assert.equal(unbalanced.status(), 303, JSON.stringify(unbalanced.flashMessages()))
    assert.match(
      flashed(unbalanced),
      /ne s’équilibrent pas : opérations bancaires -85,40\s€, en face -170,80\s€/u
    )
    const opening = await send(client, finance, 'post', url, {
      operationIds: [operations.B1],
      entryLineIds: [lines.opening],
    })
    assert.match(flashed(opening), /déjà rapprochée|ne s’équilibrent pas/)
    const stranger = await send(client, finance, 'post', url, {
      operationIds: [operations.B1],
      entryLineIds: [foreignLine],
    })
    assert.match(flashed(stranger), /n’existe pas ou n’appartient pas à ce compte/)
    const empty = await send(client, finance, 'post', url, { note: 'rien' })
    assert.equal(empty.status(), 302)
    assert.deepEqual(await tableCounts(BANK_TABLES), before)

    const many = await send(client, finance, 'post', url, {
      operationIds: [operations.B4, operations.B5],
      entryLineIds: [lines.fees1, lines.supplier],
      note: 'frais et fournisseur',
    })
    assert.equal(flashed(many, 'success'), 'Rapprochement enregistré.')
    const [match] = await inspecting(() =>
      db.from('bank_matches').where('bank_account_id', ledger.bankAccountId)
    )
    assert.equal(match.origin, 'manual')
    assert.equal(match.user_id, finance.id)
    const again = await send(client, finance, 'post', url, {
      operationIds: [operations.B4],
      entryLineIds: [lines.fees2],
    })
    assert.match(flashed(again), /déjà rapprochée/)

    const undoUrl = `/banque/rapprochements/${match.id}/annulation`
    const noReason = await send(client, finance, 'post', undoUrl, { reason: '' })
    assert.equal(noReason.status(), 302)
    assert.lengthOf(await activeItems(ledger.bankAccountId), 4)
    const undone = await send(client, finance, 'post', undoUrl, { reason: 'Erreur de saisie' })
    assert.equal(flashed(undone, 'success'), 'Rapprochement annulé.')
    assert.lengthOf(await activeItems(ledger.bankAccountId), 0)
    const trace = await inspecting(() =>
      db.from('bank_unmatchings').where('match_id', match.id).firstOrFail()
    )
    assert.equal(trace.reason, 'Erreur de saisie')
    assert.equal(trace.user_id, finance.id)
    const audit = await inspecting(() =>
      db
        .from('audit_events')
        .where({ organisation_id: organisation.id, action: 'unmatch' })
        .firstOrFail()
    )
    assert.include(audit.summary, 'Erreur de saisie')
    const twice = await send(client, finance, 'post', undoUrl, { reason: 'Encore' })
    assert.match(flashed(twice), /déjà été annulé/)
    const missing = await send(
      client,
      finance,
      'post',
      '/banque/rapprochements/999999/annulation',
      { reason: 'Rien' }
    )
    assert.equal(missing.status(), 404)
    const rematch = await send(client, finance, 'post', url, {
      operationIds: [operations.B4],
      entryLineIds: [lines.fees2],
    })
    assert.equal(flashed(rematch, 'success'), 'Rapprochement enregistré.')
  })

  test('the reconciliation statement of the hand-built month explains the difference', async ({
    client,
    assert,
  }) => {
    const { finance, ledger, lines, operations } = await setting(client)
    await send(
      client,
      finance,
      'post',
      `/banque/comptes/${ledger.bankAccountId}/propositions/toutes`
    )
    await send(client, finance, 'post', `/banque/comptes/${ledger.bankAccountId}/propositions`, {
      operationId: operations.B4,
      target: 'entry_line',
      targetId: lines.fees2,
    })
    await send(client, finance, 'post', `/banque/comptes/${ledger.bankAccountId}/rapprochements`, {
      operationIds: [operations.B5],
      entryLineIds: [lines.supplier],
    })
    const page = await client
      .get(`/banque/comptes/${ledger.bankAccountId}/etat`)
      .qs({ date: '2023-01-31' })
      .actingAs(finance)
    assert.equal(page.status(), 200)
    const text = page.text().replace(/\s/gu, ' ')
    assert.include(text, 'Solde bancaire au 31/01/2023</th><td class="num">38 414,60 €')
    assert.include(text, '= Solde bancaire rectifié</th><td class="num">33 179,20 €')
    assert.include(text, 'Écart non expliqué</th><td class="num">0,00 €')
    const workbook = await readWorkbook(
      await client
        .get(`/banque/comptes/${ledger.bankAccountId}/etat.xlsx`)
        .qs({ date: '2023-01-31' })
        .actingAs(finance)
    )
    const figures = workbook.getWorksheet('État de rapprochement')!
    assert.deepEqual(
      [2, 3, 4, 5, 6, 7].map((row) => figures.getRow(row).getCell(2).value),
      [38414.6, -535.4, 4700, 33179.2, 33179.2, 0]
    )
    const ledgerSide = workbook.getWorksheet('Écritures pas en banque')!
    assert.deepEqual(
      [2, 3].map((row) => ledgerSide.getRow(row).getCell(4).value),
      [-85.4, -450]
    )
    const bankSide = workbook.getWorksheet('Opérations pas en compta')!
    assert.deepEqual(
      [2, 3].map((row) => bankSide.getRow(row).getCell(2).value),
      ['VIR FSE', 'Fournisseur Dupont']
    )
    const print = await client
      .get(`/banque/comptes/${ledger.bankAccountId}/etat/impression`)
      .qs({ date: '2023-01-31' })
      .actingAs(finance)
    assert.equal(print.status(), 200)
    assert.include(print.text(), 'window.print()')
    const badDate = await client
      .get(`/banque/comptes/${ledger.bankAccountId}/etat`)
      .qs({ date: '2023-02-31' })
      .actingAs(finance)
      .redirects(0)
    assert.isBelow(badDate.status(), 500)
  })

  test('a payroll entry shows no individual label on the bank pages', async ({
    client,
    assert,
  }) => {
    const { organisation, finance, ledger } = await setting(client)
    await bankEntry(organisation, ledger, '2023-01-30', '-2345.67', 'Salaire Martinez janvier', {
      journal: 'PAIE',
    })
    const page = await client
      .get(`/banque/comptes/${ledger.bankAccountId}/rapprochement`)
      .actingAs(finance)
    assert.equal(page.status(), 200)
    assert.notInclude(page.text(), 'Martinez')
    assert.include(page.text(), 'Paie et personnel (détail réservé)')
    const statement = await client
      .get(`/banque/comptes/${ledger.bankAccountId}/etat.xlsx`)
      .qs({ date: '2023-01-31' })
      .actingAs(finance)
    const cells: string[] = []
    for (const sheet of (await readWorkbook(statement)).worksheets)
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))))
    assert.notInclude(cells.join('|'), 'Martinez')
    assert.include(cells, 'Paie et personnel (détail réservé)')
  })
})
