import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type Organisation from '#models/core/organisation'
import type User from '#models/core/user'
import { createDraft } from '#actions/accounting/drafts'
import { validateEntry } from '#actions/accounting/ledger'
import {
  asOrganisation,
  inspecting,
  isolated,
  makeUser,
  readWorkbook,
  tableCounts,
} from '#tests/helpers'
import { insertId, startOrganisation } from '#tests/fixtures/organisations'
import { flashed, send } from '#tests/functional/grants/helpers'

/**
 * The forecast of a hand-built case (issue #18, "Done when"), computed by hand below.
 *
 * Bank: one account on 512, statements closing 31/05/2024 at 45 000 and 30/06/2024 at 50 000:
 * the forecast starts from 50 000,00 on 30/06/2024 (the latest statement).
 *
 * Funders' observed delays (receipt date − expected date of the matched instalments):
 * - État: 15/01 → 14/02 (30 days), 01/03 → 21/03 (20 days): median 25 days;
 * - Région: 01/02 → 11/02: 10 days.
 * Open instalments: État 20 000 expected 01/07 → 26/07; Région 8 000 expected 01/08 → 11/08.
 *
 * Register, charge rate 40 %: A full time at 36 000 a year (3 000 a month), in force; B half time
 * at 30 000 a year (1 250 a month) up to 31/08/2024. Gross 4 250 in June–August, 3 000 after.
 * Net (78 %) on the month's last day: 3 315 on 31/07 and 31/08, 2 340 on 30/09 (June's was paid
 * on 30/06). Charges (22 % + 40 % = 62 %) on the 15th of the next month: 2 635 on 15/07, 15/08
 * and 15/09 (for June, July, August), 1 860 on 15/10.
 *
 * Ledger: rent (6132) paid from the bank on 10/03, 10/04 and 10/05 (1 200 each, 3 months of 6):
 * recurring, 1 200 on each 10th. Office supplies (6064) paid once in May: not recurring.
 *
 * Manual item (entered through the form): −15 000 on 20/08/2024 (a vehicle).
 *
 * Weeks from 01/07: W1 01–07/07 … W13 23–29/09.
 *   W1 50 000 | W2 −1 200 (10/07) 48 800 | W3 −2 635 (15/07) 46 165 | W4 +20 000 (26/07) 66 165
 *   W5 −3 315 (31/07) 62 850 | W6 −1 200 (10/08) +8 000 (11/08) 69 650 | W7 −2 635 (15/08) 67 015
 *   W8 −15 000 (20/08) 52 015 | W9 −3 315 (31/08) 48 700 | W10 48 700
 *   W11 −1 200 (10/09) −2 635 (15/09) 44 865 | W12 44 865 | W13 44 865 (30/09 is after W13)
 * Lowest over the 13 weeks: 44 865 on 15/09 (W11).
 */
const EXPECTED_WEEKS = [
  50000, 48800, 46165, 66165, 62850, 69650, 67015, 52015, 48700, 48700, 44865, 44865, 44865,
]

async function handBuiltCase() {
  const { organisation } = await startOrganisation('Mission Locale Trésorerie')
  const org = organisation.id
  await insertId('fiscal_years', {
    organisation_id: org,
    label: '2024',
    start_date: '2024-01-01',
    end_date: '2024-12-31',
  })
  const account = (number: string) =>
    db.from('accounts').where({ organisation_id: org, number }).firstOrFail()
  const bankAccount = await insertId('bank_accounts', {
    organisation_id: org,
    account_id: (await account('512')).id,
    name: 'Compte courant',
    iban: 'FR7630006000011234567890189',
  })
  const statement = (opening: string, closing: string, from: string, to: string) =>
    insertId('bank_statements', {
      organisation_id: org,
      bank_account_id: bankAccount,
      format: 'csv',
      reference: `RELEVE-${to}`,
      opening_date: from,
      closing_date: to,
      opening_balance: opening,
      closing_balance: closing,
    })
  await statement('45000.00', '50000.00', '2024-06-01', '2024-06-30')
  await statement('40000.00', '45000.00', '2024-05-01', '2024-05-31')

  const funder = (name: string, category: string) =>
    insertId('funders', { organisation_id: org, name, category })
  const grant = (funderId: number, reference: string, amount: string) =>
    insertId('grants', {
      organisation_id: org,
      funder_id: funderId,
      reference,
      title: `Convention ${reference}`,
      period_start: '2024-01-01',
      period_end: '2024-12-31',
      amount_awarded: amount,
    })
  const instalment = (grantId: number, expectedOn: string, amount: string) =>
    insertId('grant_payment_schedules', {
      organisation_id: org,
      grant_id: grantId,
      kind: 'instalment',
      expected_on: expectedOn,
      amount,
    })
  const paid = async (grantId: number, scheduleId: number, receivedOn: string, amount: string) => {
    const receipt = await insertId('grant_receipts', {
      organisation_id: org,
      grant_id: grantId,
      received_on: receivedOn,
      amount,
    })
    await insertId('grant_receipt_allocations', {
      organisation_id: org,
      receipt_id: receipt,
      schedule_id: scheduleId,
      amount,
      source: 'form',
    })
  }
  const state = await funder('État DREETS', 'etat_dreets')
  const region = await funder('Région Test', 'region')
  const g1 = await grant(state, 'ETAT-2024', '40000')
  const g2 = await grant(region, 'REGION-2024', '13000')
  await paid(g1, await instalment(g1, '2024-01-15', '10000'), '2024-02-14', '10000')
  await paid(g1, await instalment(g1, '2024-03-01', '10000'), '2024-03-21', '10000')
  await paid(g2, await instalment(g2, '2024-02-01', '5000'), '2024-02-11', '5000')
  await instalment(g1, '2024-07-01', '20000')
  const regionOpen = await instalment(g2, '2024-08-01', '8000')

  await db.table('hr_settings').insert({ organisation_id: org, employer_charge_rate: '0.4000' })
  const employee = async (name: string, contract: Record<string, unknown>, annual: string) => {
    const id = await insertId('employees', {
      organisation_id: org,
      surname: name,
      first_names: 'Camille',
      sex: 'F',
      birth_date: '1985-05-05',
    })
    await insertId('contracts', {
      organisation_id: org,
      employee_id: id,
      job_title: 'Conseillère',
      ...contract,
    })
    await insertId('salary_events', {
      organisation_id: org,
      employee_id: id,
      effective_date: '2020-01-01',
      kind: 'hire',
      gross_annual_fte: annual,
    })
  }
  await employee(
    'A',
    { contract_type: 'cdi', part_time_share: '1', start_date: '2020-01-01' },
    '36000'
  )
  await employee(
    'B',
    {
      contract_type: 'cdd',
      part_time_share: '0.5',
      start_date: '2024-01-01',
      end_date: '2024-08-31',
      end_reason: 'fin_cdd',
    },
    '30000'
  )

  const journal = await db
    .from('journals')
    .where({ organisation_id: org, code: 'BQ' })
    .firstOrFail()
  const pay = (date: string, accountNumber: string, amount: string) =>
    asOrganisation(organisation, async () => {
      const draft = await createDraft({
        journalId: journal.id,
        entryDate: date,
        label: 'Paiement',
        lines: [
          { accountNumber, debit: amount },
          { accountNumber: '512', credit: amount },
        ],
      })
      await validateEntry(draft.id)
    })
  for (const date of ['2024-03-10', '2024-04-10', '2024-05-10']) await pay(date, '6132', '1200')
  await pay('2024-05-20', '6064', '300')
  return { organisation, state, region, regionOpen }
}

/** Page text with French number spaces as plain spaces. */
const plain = (text: string) => text.replace(/[\u202F\u00A0]/g, ' ')

function row(sheet: import('exceljs').Worksheet, label: string) {
  let found: number[] | null = null
  sheet.eachRow((line) => {
    if (line.getCell(1).value === label) {
      found = (line.values as unknown[]).slice(2).map(Number)
    }
  })
  if (!found) throw new Error(`no row ${label}`)
  return found as number[]
}

async function weeklyClosings(client: ApiClient, user: User, query = '') {
  const response = await client.get(`/tresorerie/previsionnel.xlsx${query}`).actingAs(user)
  response.assertStatus(200)
  const workbook = await readWorkbook(response)
  return workbook
}

async function addVehicle(client: ApiClient, finance: User) {
  return send(client, finance, 'post', '/tresorerie/operations-prevues', {
    label: 'Achat véhicule',
    dueOn: '2024-08-20',
    amount: '-15 000,00',
    recurrence: 'none',
  })
}

test.group('Treasury | forecast of a hand-built case', (group) => {
  isolated(group)

  test('equals the expected balances week by week', async ({ client, assert }) => {
    const { organisation } = await handBuiltCase()
    const finance = await makeUser(organisation as Organisation, ['finance'])
    const created = await addVehicle(client, finance)
    assert.equal(created.status(), 302)
    assert.equal(flashed(created, 'success'), 'Opération prévue ajoutée.')

    const workbook = await weeklyClosings(client, finance)
    const weeks = workbook.getWorksheet('13 semaines')!
    assert.deepEqual(row(weeks, 'Solde en fin de période'), EXPECTED_WEEKS)
    assert.deepEqual(row(weeks, 'Solde en début de période').slice(0, 2), [50000, 50000])
    assert.deepEqual(
      row(weeks, 'Versements des financeurs (encaissements)'),
      [0, 0, 0, 20000, 0, 8000, 0, 0, 0, 0, 0, 0, 0]
    )
    assert.deepEqual(
      row(weeks, 'Charges sociales (URSSAF, retraite) (décaissements)'),
      [0, 0, 2635, 0, 0, 0, 2635, 0, 0, 0, 2635, 0, 0]
    )
    assert.deepEqual(
      row(weeks, 'Fournisseurs récurrents (décaissements)'),
      [0, 1200, 0, 0, 0, 1200, 0, 0, 0, 0, 1200, 0, 0]
    )
    const months = workbook.getWorksheet('12 mois')!
    // July 50 000 − 1 200 − 2 635 + 20 000 − 3 315; August −1 200 + 8 000 − 2 635 − 15 000 − 3 315;
    // September −1 200 − 2 635 − 2 340; October −1 200 − 1 860 − 2 340.
    assert.deepEqual(
      row(months, 'Solde en fin de période').slice(0, 4),
      [62850, 48700, 42525, 37125]
    )
    const delays = workbook.getWorksheet('Délais des financeurs')!
    const observed = new Map(
      [2, 3].map((n) => [delays.getRow(n).getCell(1).value, delays.getRow(n).getCell(3).value])
    )
    assert.equal(observed.get('État DREETS'), 25)
    assert.equal(observed.get('Région Test'), 10)

    const page = await client.get('/tresorerie/previsionnel').actingAs(finance)
    page.assertStatus(200)
    page.assertTextIncludes('relevés bancaires')
    assert.include(plain(page.text()), '44 865,00')
    page.assertTextIncludes('15/09/2024')
    page.assertTextIncludes('▼ solde le plus bas')
    const print = await client.get('/tresorerie/previsionnel/impression').actingAs(finance)
    print.assertStatus(200)
    print.assertTextIncludes('Prévisionnel de trésorerie au 30/06/2024')
    const board = await makeUser(organisation as Organisation, ['board'])
    const boardPage = await client.get('/tresorerie/previsionnel').actingAs(board)
    boardPage.assertStatus(200)
    assert.notInclude(boardPage.text(), '36 000', 'no individual salary')
    // The board portal's summary: today's balance and the lowest of the 12 months.
    const portal = await client.get('/gouvernance/portail').actingAs(board)
    portal.assertStatus(200)
    assert.include(plain(portal.text()), 'Solde le plus bas prévu sur 12 mois')
    assert.include(plain(portal.text()), '50 000,00')
  })

  test('a scenario changes the expected figures and the lowest balance', async ({
    client,
    assert,
  }) => {
    const { organisation, state, regionOpen } = await handBuiltCase()
    const finance = await makeUser(organisation as Organisation, ['finance'])
    await addVehicle(client, finance)
    const threshold = await send(client, finance, 'put', '/tresorerie/seuil', {
      threshold: '30 000',
    })
    assert.equal(threshold.status(), 302)

    // État 40 days later than usual: 26/07 + 40 = 04/09 (W10). W4 46 165, W5 42 850,
    // W6 49 650, W7 47 015, W8 32 015, W9 28 700 (the lowest, under the 30 000 threshold),
    // W10 +20 000 48 700, then as before.
    const later = await weeklyClosings(client, finance, `?financeur=${state}&retard=40`)
    assert.deepEqual(
      row(later.getWorksheet('13 semaines')!, 'Solde en fin de période'),
      [50000, 48800, 46165, 46165, 42850, 49650, 47015, 32015, 28700, 48700, 44865, 44865, 44865]
    )
    const page = await client
      .get(`/tresorerie/previsionnel?financeur=${state}&retard=40`)
      .actingAs(finance)
    page.assertStatus(200)
    assert.include(plain(page.text()), '28 700,00')
    page.assertTextIncludes('31/08/2024')
    page.assertTextIncludes('sous le seuil')
    page.assertTextIncludes('Seuil fixé par le conseil')

    // The Région instalment reduced by 25 %: 6 000 instead of 8 000 from W6 on.
    const reduced = await weeklyClosings(
      client,
      finance,
      `?echeance=${regionOpen}&reduction=25&type=percent`
    )
    assert.deepEqual(
      row(reduced.getWorksheet('13 semaines')!, 'Solde en fin de période').slice(4, 9),
      [62850, 67650, 65015, 50015, 46700]
    )
  })

  test('a bad scenario is refused in French and the forecast stands', async ({
    client,
    assert,
  }) => {
    const { organisation } = await handBuiltCase()
    const other = await startOrganisation('Autre Mission Locale')
    const foreign = await insertId('funders', {
      organisation_id: other.organisation.id,
      name: 'Financeur étranger',
      category: 'region',
    })
    const finance = await makeUser(organisation as Organisation, ['finance'])
    const stranger = await client
      .get(`/tresorerie/previsionnel?financeur=${foreign}&retard=10`)
      .actingAs(finance)
    assert.equal(stranger.status(), 422)
    assert.include(stranger.text(), 'Ce financeur n’existe pas.')
    const garbage = await client
      .get('/tresorerie/previsionnel?retard=abc&reduction=douze&echeance=-1')
      .actingAs(finance)
    assert.equal(garbage.status(), 422)
    assert.include(garbage.text(), 'Scénario refusé')
    assert.include(plain(garbage.text()), '50 000,00')
    const tooMuch = await client
      .get(`/tresorerie/previsionnel?echeance=999999&reduction=10`)
      .actingAs(finance)
    assert.equal(tooMuch.status(), 422)
    assert.include(tooMuch.text(), 'Cette échéance n’existe pas ou n’est plus attendue.')
  })
})

test.group('Treasury | manual items and threshold', (group) => {
  isolated(group)

  const TABLES = ['treasury_manual_items', 'treasury_settings', 'audit_events']

  test('finance adds, edits and deletes an item, with an audit event each', async ({
    client,
    assert,
  }) => {
    const { organisation } = await startOrganisation('Mission Locale Opérations')
    const finance = await makeUser(organisation, ['finance'])
    const created = await send(client, finance, 'post', '/tresorerie/operations-prevues', {
      label: 'Remboursement d’emprunt',
      dueOn: '2024-01-31',
      amount: '-1 250,50',
      recurrence: 'monthly',
      endsOn: '2024-12-31',
    })
    assert.equal(created.status(), 302)
    const item = await inspecting(() =>
      db.from('treasury_manual_items').where('organisation_id', organisation.id).firstOrFail()
    )
    assert.equal(item.amount, '-1250.50')
    const list = await client.get('/tresorerie/operations-prevues').actingAs(finance)
    list.assertStatus(200)
    list.assertTextIncludes('Remboursement d’emprunt')
    const edit = await client
      .get(`/tresorerie/operations-prevues/${item.id}/modifier`)
      .actingAs(finance)
    edit.assertStatus(200)
    const updated = await send(
      client,
      finance,
      'put',
      `/tresorerie/operations-prevues/${item.id}`,
      {
        label: 'Remboursement d’emprunt',
        dueOn: '2024-01-31',
        amount: '-1 300',
        recurrence: 'monthly',
        version: 1,
      }
    )
    assert.equal(updated.status(), 302)
    const stale = await send(client, finance, 'put', `/tresorerie/operations-prevues/${item.id}`, {
      label: 'Autre',
      dueOn: '2024-01-31',
      amount: '-1',
      recurrence: 'none',
      version: 1,
    })
    assert.equal(stale.status(), 303)
    assert.match(flashed(stale), /modifiée par quelqu'un d'autre/)
    const afterUpdate = await inspecting(() =>
      db.from('treasury_manual_items').where('id', item.id).firstOrFail()
    )
    assert.equal(afterUpdate.amount, '-1300.00')
    assert.isNull(afterUpdate.ends_on)
    const workbook = await readWorkbook(
      await client.get('/tresorerie/operations-prevues.xlsx').actingAs(finance)
    )
    assert.equal(workbook.getWorksheet('Opérations prévues')!.getRow(2).getCell(3).value, -1300)

    const deleted = await client
      .delete(`/tresorerie/operations-prevues/${item.id}`)
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    assert.equal(deleted.status(), 302)
    const events = await inspecting(() =>
      db
        .from('audit_events')
        .where({ organisation_id: organisation.id, subject_type: 'treasury_manual_items' })
        .orderBy('id')
        .select('action')
    )
    assert.deepEqual(
      events.map((event) => event.action),
      ['create', 'update', 'delete']
    )
  })

  test('bad input is refused in French and changes nothing', async ({ client, assert }) => {
    const { organisation } = await startOrganisation('Mission Locale Refus')
    const other = await startOrganisation('Mission Locale Voisine')
    const foreign = await asOrganisation(other.organisation, () =>
      insertId('treasury_manual_items', {
        organisation_id: other.organisation.id,
        label: 'Secret',
        due_on: '2024-03-01',
        amount: '10',
      })
    )
    const finance = await makeUser(organisation, ['finance'])
    const board = await makeUser(organisation, ['board'])
    const before = await tableCounts(TABLES)
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ label: 'X', dueOn: '2024-02-30', amount: '10', recurrence: 'none' }, /date réelle/],
      [
        { label: 'X', dueOn: '2024-02-01', amount: 'douze', recurrence: 'none' },
        /montant invalide/,
      ],
      [{ label: 'X', dueOn: '2024-02-01', amount: '0', recurrence: 'none' }, /différent de zéro/],
      [{ label: 'X', dueOn: '2024-02-01', amount: '10', recurrence: 'weekly' }, /récurrence/],
      [{ label: '', dueOn: '2024-02-01', amount: '10', recurrence: 'none' }, /libellé/],
    ]
    for (const [form, message] of cases) {
      const refused = await send(client, finance, 'post', '/tresorerie/operations-prevues', form)
      assert.equal(refused.status(), 302, JSON.stringify(form))
      const errors = refused.flashMessages().inputErrorsBag as Record<string, string[]>
      assert.match(JSON.stringify(errors), message)
    }
    const endsOnce = await send(client, finance, 'post', '/tresorerie/operations-prevues', {
      label: 'X',
      dueOn: '2024-02-01',
      amount: '10',
      recurrence: 'none',
      endsOn: '2024-05-01',
    })
    assert.equal(endsOnce.status(), 303)
    assert.equal(
      flashed(endsOnce),
      'Une dernière échéance ne se donne qu’à une opération mensuelle.'
    )
    const backwards = await send(client, finance, 'post', '/tresorerie/operations-prevues', {
      label: 'X',
      dueOn: '2024-02-01',
      amount: '10',
      recurrence: 'monthly',
      endsOn: '2024-01-01',
    })
    assert.equal(flashed(backwards), 'La dernière échéance ne peut pas précéder la première date.')
    const theirs = await send(client, finance, 'put', `/tresorerie/operations-prevues/${foreign}`, {
      label: 'Mien',
      dueOn: '2024-02-01',
      amount: '10',
      recurrence: 'none',
    })
    assert.equal(theirs.status(), 404)
    const theirsDeleted = await client
      .delete(`/tresorerie/operations-prevues/${foreign}`)
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    assert.equal(theirsDeleted.status(), 404)
    const theirsEdit = await client
      .get(`/tresorerie/operations-prevues/${foreign}/modifier`)
      .actingAs(finance)
    assert.equal(theirsEdit.status(), 404)
    const badThreshold = await send(client, finance, 'put', '/tresorerie/seuil', {
      threshold: 'beaucoup',
    })
    assert.equal(badThreshold.status(), 302)
    assert.match(
      JSON.stringify(badThreshold.flashMessages().inputErrorsBag),
      /seuil : montant invalide/
    )
    const boardWrite = await send(client, board, 'post', '/tresorerie/operations-prevues', {
      label: 'X',
      dueOn: '2024-02-01',
      amount: '10',
      recurrence: 'none',
    })
    assert.equal(boardWrite.status(), 403)
    const boardThreshold = await send(client, board, 'put', '/tresorerie/seuil', {
      threshold: '1',
    })
    assert.equal(boardThreshold.status(), 403)
    assert.deepEqual(await tableCounts(TABLES), before)
    const untouched = await inspecting(() =>
      db.from('treasury_manual_items').where('id', foreign).firstOrFail()
    )
    assert.equal(untouched.label, 'Secret')
  })

  test('the threshold is set, replaced and removed, audited', async ({ client, assert }) => {
    const { organisation } = await startOrganisation('Mission Locale Seuil')
    const finance = await makeUser(organisation, ['finance'])
    const set = await send(client, finance, 'put', '/tresorerie/seuil', {
      threshold: '25 000,00',
    })
    assert.equal(set.status(), 302)
    const stored = () =>
      inspecting(() =>
        db.from('treasury_settings').where('organisation_id', organisation.id).firstOrFail()
      )
    assert.equal((await stored()).threshold, '25000.00')
    const stale = await send(client, finance, 'put', '/tresorerie/seuil', {
      threshold: '1',
      version: 7,
    })
    assert.equal(stale.status(), 303)
    assert.equal((await stored()).threshold, '25000.00')
    await send(client, finance, 'put', '/tresorerie/seuil', { threshold: '', version: 1 })
    assert.isNull((await stored()).threshold)
    const page = await client.get('/tresorerie/previsionnel').actingAs(finance)
    page.assertStatus(200)
    page.assertTextIncludes('Ni relevé bancaire ni écriture de banque')
    const events = await inspecting(() =>
      db
        .from('audit_events')
        .where({ organisation_id: organisation.id, subject_type: 'treasury_settings' })
        .count('* as count')
    )
    assert.equal(Number(events[0].count), 2)
  })
})
