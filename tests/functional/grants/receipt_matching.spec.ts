import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { AwaitedFunding } from '#reports/grants/awaited'
import { formatMoney } from '#support/french_format'
import {
  asOrganisation,
  inspecting,
  isolated,
  makeOrganisation,
  makeUser,
  tableCounts,
} from '#tests/helpers'
import { makeGrant, tenantOf } from '#tests/functional/grants/fixtures'
import {
  CORRECTION_TABLES,
  addInstalments,
  allocationsOf,
  flashed,
  lastReceipt,
  receiptForm,
  send,
} from '#tests/functional/grants/helpers'

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' })

/** The schedule table of the convention page at a date: per instalment, paid, left and state. */
async function scheduleRows(
  client: import('@japa/api-client').ApiClient,
  user: import('#models/core/user').default,
  grantId: number,
  iso: string
) {
  const page = await client.get(`/financements/conventions/${grantId}?date=${iso}`).actingAs(user)
  page.assertStatus(200)
  const table = page.text().split('id="echeancier"')[1].split('</tbody>')[0]
  return [...table.matchAll(/<tr><td>(\d\d\/\d\d\/\d{4})<\/td>.*?<\/tr>/gs)].map((match) => {
    const cells = [...match[0].matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) =>
      c[1].replace(/<[^>]+>/g, '').trim()
    )
    return [cells[0], cells[4], cells[5], cells[6]]
  })
}

test.group('Grants | matching receipts to instalments', (group) => {
  isolated(group)

  test('a partial payment, then the rest matched automatically; a grouped payment pays two instalments', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'MATCH-1', '100000')
    const [advance, instalment, balance] = await addInstalments(organisation.id, grant.id, [
      ['advance', '2024-01-15', '30000.00'],
      ['instalment', '2024-06-30', '40000.00'],
      ['balance', '2025-03-31', '30000.00'],
    ])

    // 10 000 of the advance, chosen in the form: partly paid, 20 000 left.
    const partial = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/versements`,
      receiptForm('2024-01-10', '10 000', [[advance, '10 000']])
    )
    assert.equal(flashed(partial, 'success'), 'Versement enregistré. Rapproché de 1 échéance(s).')
    const first = await lastReceipt(grant.id)
    assert.deepEqual(await allocationsOf(first.id), [[advance, '10000.00', 'form']])
    assert.deepEqual(await scheduleRows(client, finance, grant.id, '2024-01-12'), [
      ['15/01/2024', formatMoney('10000'), formatMoney('20000'), 'Partiellement payée'],
      ['30/06/2024', formatMoney('0'), formatMoney('40000'), 'À venir'],
      ['31/03/2025', formatMoney('0'), formatMoney('30000'), 'À venir'],
    ])

    // 20 000: only the advance has 20 000 left, so the match is automatic (the form's amounts
    // left empty, as a browser sends them).
    const rest = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/versements`,
      receiptForm('2024-02-01', '20 000', [
        [advance, ''],
        [instalment, ''],
        [balance, ''],
      ])
    )
    assert.equal(
      flashed(rest, 'success'),
      `Versement enregistré. Rapproché automatiquement de l'échéance « advance 2024-01-15 » du 15/01/2024 (${formatMoney('30000')}).`
    )
    const second = await lastReceipt(grant.id)
    assert.deepEqual(await allocationsOf(second.id), [[advance, '20000.00', 'automatic']])

    // 70 000 at once: the instalment (40 000) and the balance (30 000), grouped.
    const grouped = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/versements`,
      receiptForm('2024-07-10', '70 000', [
        [instalment, '40 000'],
        [balance, '30 000'],
      ])
    )
    assert.equal(flashed(grouped, 'success'), 'Versement enregistré. Rapproché de 2 échéance(s).')
    const third = await lastReceipt(grant.id)
    assert.deepEqual(await allocationsOf(third.id), [
      [instalment, '40000.00', 'form'],
      [balance, '30000.00', 'form'],
    ])
    // On 1 July the instalment is overdue (nothing received for it yet); on 10 July all is paid.
    assert.deepEqual(await scheduleRows(client, finance, grant.id, '2024-07-01'), [
      ['15/01/2024', formatMoney('30000'), formatMoney('0'), 'Payée'],
      ['30/06/2024', formatMoney('0'), formatMoney('40000'), 'En retard'],
      ['31/03/2025', formatMoney('0'), formatMoney('30000'), 'À venir'],
    ])
    assert.deepEqual(
      (await scheduleRows(client, finance, grant.id, '2024-07-10')).map((r) => r[3]),
      ['Payée', 'Payée', 'Payée']
    )
    const show = await client.get(`/financements/conventions/${grant.id}`).actingAs(finance)
    const receipts = show.text().split('id="versements"')[1].split('</table>')[0]
    assert.include(
      receipts,
      `instalment 2024-06-30 du 30/06/2024 : ${formatMoney('40000')} ; balance 2025-03-31 du 31/03/2025 : ${formatMoney('30000')}`
    )
  })

  test('two open instalments awaiting the amount: the receipt is left unmatched, and the page says so', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'MATCH-2', '100000')
    await addInstalments(organisation.id, grant.id, [
      ['advance', '2024-01-15', '30000.00'],
      ['instalment', '2024-06-30', '30000.00'],
      ['balance', '2025-03-31', '40000.00'],
    ])
    const response = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/versements`,
      receiptForm('2024-02-01', '30 000')
    )
    assert.equal(flashed(response, 'success'), 'Versement enregistré.')
    assert.equal(
      flashed(response, 'warning'),
      `Non rapproché : 2 échéances ouvertes attendent ${formatMoney('30000')} (15/01/2024, 30/06/2024). Choisissez celle qu'il paie en corrigeant le versement.`
    )
    const receipt = await lastReceipt(grant.id)
    assert.deepEqual(await allocationsOf(receipt.id), [])
    const show = await client.get(`/financements/conventions/${grant.id}`).actingAs(finance)
    assert.include(show.text().split('id="versements"')[1].split('</table>')[0], 'non rapproché')
    // Unmatched, it still pays the schedule in order of date on the board portal's figures: the
    // advance is paid, the June instalment awaited, the balance (31/03/2025) beyond 12 months.
    const awaited = await asOrganisation(organisation, () =>
      new AwaitedFunding(tenantOf(organisation), { today: day('2024-03-01') }).build()
    )
    assert.equal(awaited.overdue.amount.toFixed(2), '0.00')
    assert.equal(awaited.awaited.amount.toFixed(2), '30000.00')
  })

  test('a matching above the instalment or the receipt is refused, by the application and the database', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'MATCH-3', '100000')
    const other = await makeGrant(organisation, 'MATCH-OTHER', '100000')
    const [advance, balance] = await addInstalments(organisation.id, grant.id, [
      ['advance', '2024-01-15', '30000.00'],
      ['balance', '2025-03-31', '70000.00'],
    ])
    const [foreign] = await addInstalments(organisation.id, other.id, [
      ['advance', '2024-01-15', '30000.00'],
    ])
    const before = await tableCounts(CORRECTION_TABLES)
    const url = `/financements/conventions/${grant.id}/versements`

    const aboveInstalment = await send(
      client,
      finance,
      'post',
      url,
      receiptForm('2024-02-01', '35 000', [[advance, '35 000']])
    )
    aboveInstalment.assertStatus(303)
    assert.equal(
      flashed(aboveInstalment),
      `L'échéance « advance 2024-01-15 » du 15/01/2024 (${formatMoney('30000')}) n'attend plus que ${formatMoney('30000')} : ${formatMoney('35000')} ne peuvent pas lui être affectés.`
    )
    const aboveReceipt = await send(
      client,
      finance,
      'post',
      url,
      receiptForm('2024-02-01', '40 000', [
        [advance, '30 000'],
        [balance, '20 000'],
      ])
    )
    aboveReceipt.assertStatus(303)
    assert.equal(
      flashed(aboveReceipt),
      `Les montants affectés aux échéances (${formatMoney('50000')}) dépassent le montant du versement (${formatMoney('40000')}).`
    )
    const otherConvention = await send(
      client,
      finance,
      'post',
      url,
      receiptForm('2024-02-01', '30 000', [[foreign, '30 000']])
    )
    otherConvention.assertStatus(303)
    assert.equal(
      flashed(otherConvention),
      "Une échéance choisie n'est pas une échéance ouverte de cette convention (annulée, déjà payée ou inconnue)."
    )
    // Nothing was written: not even the receipt.
    assert.deepEqual(await tableCounts(CORRECTION_TABLES), before)

    // The database holds the same sums whatever writes to it.
    const [receipt] = await db
      .table('grant_receipts')
      .insert({
        organisation_id: organisation.id,
        grant_id: grant.id,
        received_on: '2024-02-01',
        amount: '25000.00',
      })
      .returning('id')
    const allocate = (scheduleId: number, amount: string, receiptId = receipt.id) =>
      db.transaction((trx) =>
        trx.table('grant_receipt_allocations').insert({
          organisation_id: organisation.id,
          receipt_id: receiptId,
          schedule_id: scheduleId,
          amount,
        })
      )
    await assert.rejects(
      () => allocate(advance, '25000.01'),
      /Versement du 01\/02\/2024 : ce qu'il paie des échéances \(25000\.01 €\) dépasse son montant \(25000\.00 €\)/
    )
    await allocate(advance, '20000.00')
    const [second] = await db
      .table('grant_receipts')
      .insert({
        organisation_id: organisation.id,
        grant_id: grant.id,
        received_on: '2024-03-01',
        amount: '20000.00',
      })
      .returning('id')
    await assert.rejects(
      () => allocate(advance, '10000.01', second.id),
      /Échéance du 15\/01\/2024 : les versements qui lui sont affectés \(30000\.01 €\) dépassent son montant \(30000\.00 €\)/
    )
    await assert.rejects(
      () => allocate(foreign, '1.00', second.id),
      /Un versement ne paie que les échéances de sa propre convention/
    )
    // Nor may the receipt shrink below what it pays.
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          trx.from('grant_receipts').where('id', receipt.id).update({ amount: '19999.99' })
        ),
      /ce qu'il paie des échéances \(20000\.00 €\) dépasse son montant \(19999\.99 €\)/
    )
    const kept = await inspecting(() =>
      db.from('grant_receipt_allocations').where('schedule_id', advance).sum('amount as total')
    )
    assert.equal(kept[0].total, '20000.00')
  })

  test('a receipt left unmatched is matched when corrected, to the instalment chosen', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'MATCH-4', '100000')
    const [, second] = await addInstalments(organisation.id, grant.id, [
      ['advance', '2024-01-15', '30000.00'],
      ['instalment', '2024-06-30', '30000.00'],
    ])
    await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/versements`,
      receiptForm('2024-07-02', '30 000')
    )
    const receipt = await lastReceipt(grant.id)
    assert.deepEqual(await allocationsOf(receipt.id), [])
    const corrected = await send(client, finance, 'put', `/financements/recus/${receipt.id}`, {
      ...receiptForm('2024-07-02', '30 000', [[second, '30 000']]),
      version: 1,
    })
    assert.equal(flashed(corrected, 'success'), 'Versement corrigé. Rapproché de 1 échéance(s).')
    assert.deepEqual(await allocationsOf(receipt.id), [[second, '30000.00', 'form']])
    // The advance is late at 1 September: the receipt paid the June instalment, not the oldest.
    const awaited = await asOrganisation(organisation, () =>
      new AwaitedFunding(tenantOf(organisation), { today: day('2024-09-01') }).build()
    )
    assert.equal(awaited.overdue.amount.toFixed(2), '30000.00')
    assert.deepEqual(
      awaited.overdue.instalments.map((i) => i.expectedOn),
      ['2024-01-15']
    )
  })
})
