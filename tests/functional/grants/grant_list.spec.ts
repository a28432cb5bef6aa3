import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { formatMoney } from '#support/french_format'
import { isolated, makeOrganisation, makeUser, readWorkbook } from '#tests/helpers'
import { grantListFilters } from '#reports/grants/grant_list'

/**
 * Three conventions, by hand:
 *   A  Région Jeunesse (under Région Bretagne)  2023          100 000  signed     received 30 000 (+ 10 000 cancelled)   split 2023: 100 000
 *   B  Région Bretagne                          2024–2025     200 000  requested  received 0                             split 2024: 120 000, 2025: 80 000
 *   C  DREETS                                   07/2023–06/2024 50 000 signed     received 50 000                        split 2023: 25 000, 2024: 25 000
 */
async function threeConventions() {
  const organisation = await makeOrganisation()
  const funder = async (name: string, parentId: number | null = null) => {
    const [row] = await db
      .table('funders')
      .insert({
        organisation_id: organisation.id,
        name,
        category: parentId ? 'region' : name === 'DREETS' ? 'etat_dreets' : 'region',
        parent_id: parentId,
      })
      .returning('id')
    return row.id as number
  }
  const region = await funder('Région Bretagne')
  const youth = await funder('Région Jeunesse', region)
  const dreets = await funder('DREETS')
  const grant = async (
    reference: string,
    funderId: number,
    period: [string, string],
    amount: string,
    status: string,
    split: Array<[number, string]>,
    receipts: string[]
  ) => {
    const [row] = await db
      .table('grants')
      .insert({
        organisation_id: organisation.id,
        funder_id: funderId,
        reference,
        title: `Convention ${reference}`,
        period_start: period[0],
        period_end: period[1],
        amount_awarded: amount,
        status,
      })
      .returning('id')
    for (const [year, share] of split) {
      await db.table('grant_years').insert({
        organisation_id: organisation.id,
        grant_id: row.id,
        year,
        amount: share,
      })
    }
    for (const received of receipts) {
      await db.table('grant_receipts').insert({
        organisation_id: organisation.id,
        grant_id: row.id,
        received_on: period[0],
        amount: received,
      })
    }
    return row.id as number
  }
  const a = await grant(
    'A-2023',
    youth,
    ['2023-01-01', '2023-12-31'],
    '100000',
    'signed',
    [[2023, '100000']],
    ['30000', '10000']
  )
  await db.from('grant_receipts').where({ grant_id: a, amount: '10000' }).update({
    cancelled_at: new Date(),
    cancelled_actor: 'test',
    cancel_reason: 'Doublon de saisie',
  })
  await grant(
    'B-2024',
    region,
    ['2024-01-01', '2025-12-31'],
    '200000',
    'requested',
    [
      [2024, '120000'],
      [2025, '80000'],
    ],
    []
  )
  await grant(
    'C-DREETS',
    dreets,
    ['2023-07-01', '2024-06-30'],
    '50000',
    'signed',
    [
      [2023, '25000'],
      [2024, '25000'],
    ],
    ['50000']
  )
  return { organisation, region, youth, dreets }
}

/** The totals the list shows: data-total name -> text. */
function totalsOf(html: string) {
  return Object.fromEntries(
    [...html.matchAll(/data-total="([\w-]+)">([^<]*)</g)].map((m) => [m[1], m[2]])
  )
}

/** The conventions' references listed on the page, in order. */
function referencesOf(html: string) {
  return [...html.matchAll(/<a href="\/financements\/conventions\/\d+">([^<]+)<\/a>/g)].map(
    (m) => m[1]
  )
}

const money = (amount: string) => formatMoney(amount)

test.group('Grants | the list of conventions: filters and totals', (group) => {
  isolated(group)

  test('filters by funder (sub-funders included), status and year, with the totals of what is kept', async ({
    client,
    assert,
  }) => {
    const { organisation, region, youth, dreets } = await threeConventions()
    const finance = await makeUser(organisation, ['finance'])
    const page = async (qs: string) => {
      const response = await client.get(`/financements/conventions${qs}`).actingAs(finance)
      response.assertStatus(200)
      return { totals: totalsOf(response.text()), references: referencesOf(response.text()) }
    }

    assert.deepEqual(await page(''), {
      totals: {
        count: '3',
        awarded: money('350000'),
        received: money('80000'),
        remaining: money('270000'),
      },
      references: ['A-2023', 'B-2024', 'C-DREETS'],
    })
    assert.deepEqual(await page(`?financeur=${region}`), {
      totals: {
        count: '2',
        awarded: money('300000'),
        received: money('30000'),
        remaining: money('270000'),
      },
      references: ['A-2023', 'B-2024'],
    })
    assert.deepEqual((await page(`?financeur=${youth}`)).references, ['A-2023'])
    assert.deepEqual(await page('?statut=signed'), {
      totals: {
        count: '2',
        awarded: money('150000'),
        received: money('80000'),
        remaining: money('70000'),
      },
      references: ['A-2023', 'C-DREETS'],
    })
    assert.deepEqual(await page('?annee=2024'), {
      totals: {
        'count': '2',
        'awarded': money('250000'),
        'year-split': money('145000'),
        'received': money('50000'),
        'remaining': money('200000'),
      },
      references: ['B-2024', 'C-DREETS'],
    })
    assert.deepEqual(await page(`?annee=2023&statut=signed&financeur=${dreets}`), {
      totals: {
        'count': '1',
        'awarded': money('50000'),
        'year-split': money('25000'),
        'received': money('50000'),
        'remaining': money('0'),
      },
      references: ['C-DREETS'],
    })
    // Values that are not a funder id, a status or a year are ignored.
    assert.deepEqual((await page('?financeur=abc&statut=zzz&annee=1800')).references, [
      'A-2023',
      'B-2024',
      'C-DREETS',
    ])
    // Another organisation's funder keeps nothing.
    const other = await makeOrganisation('B')
    const [theirs] = await db
      .table('funders')
      .insert({ organisation_id: other.id, name: 'Leur financeur', category: 'prive' })
      .returning('id')
    assert.deepEqual((await page(`?financeur=${theirs.id}`)).totals.count, '0')

    // The workbook has what the page keeps, across pages, with what each received.
    const workbook = await readWorkbook(
      await client.get(`/financements/conventions.xlsx?financeur=${region}`).actingAs(finance)
    )
    const sheet = workbook.getWorksheet('Conventions')!
    assert.equal(sheet.actualRowCount, 1 + 2)
    const header = (sheet.getRow(1).values as string[]).indexOf('Reçu')
    assert.deepEqual(
      [2, 3].map((n) => [sheet.getRow(n).getCell(1).value, sheet.getRow(n).getCell(header).value]),
      [
        ['A-2023', 30000],
        ['B-2024', 0],
      ]
    )
  })

  test('each row shows its funder, period, amounts and status; the workbook every column', async ({
    client,
    assert,
  }) => {
    const { organisation } = await threeConventions()
    await db
      .from('grants')
      .where({ organisation_id: organisation.id, reference: 'C-DREETS' })
      .update({ cofinancing_rate: '0.4', revenue_account: '74110000', analytic_code: 'DRE-23' })
    const finance = await makeUser(organisation, ['finance'])
    const html = (await client.get('/financements/conventions').actingAs(finance)).text()
    const row =
      /<a href="\/financements\/conventions\/\d+">C-DREETS<\/a><\/td>([\s\S]*?)<\/tr>/.exec(
        html
      )?.[1]
    const cells = [...(row ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) =>
      m[1].replace(/<[^>]+>/g, '').trim()
    )
    assert.deepEqual(cells, [
      'Convention C-DREETS',
      'DREETS',
      '01/07/2023 – 30/06/2024',
      money('50000'),
      money('50000'),
      'Signée',
    ])

    const workbook = await readWorkbook(
      await client.get('/financements/conventions.xlsx').actingAs(finance)
    )
    const sheet = workbook.getWorksheet('Conventions')!
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1)
    assert.deepEqual(values(1), [
      'Référence',
      'Intitulé',
      'Financeur',
      'Début',
      'Fin',
      'Montant accordé',
      'Reçu',
      'Taux de cofinancement',
      'Compte de produit',
      'Code analytique',
      'Statut',
    ])
    assert.deepEqual(values(4), [
      'C-DREETS',
      'Convention C-DREETS',
      'DREETS',
      new Date(Date.UTC(2023, 6, 1)),
      new Date(Date.UTC(2024, 5, 30)),
      50000,
      50000,
      0.4,
      '74110000',
      'DRE-23',
      'Signée',
    ])
    // Columns left empty stay empty (no rate, no account, no code on B).
    assert.deepEqual(values(3), [
      'B-2024',
      'Convention B-2024',
      'Région Bretagne',
      new Date(Date.UTC(2024, 0, 1)),
      new Date(Date.UTC(2025, 11, 31)),
      200000,
      0,
      undefined,
      undefined,
      undefined,
      'Demandée',
    ])
  })

  test('sorted by funder either way; a page past the last shows the last', async ({
    client,
    assert,
  }) => {
    const { organisation } = await threeConventions()
    const finance = await makeUser(organisation, ['finance'])
    const page = async (qs: string) => {
      const response = await client.get(`/financements/conventions${qs}`).actingAs(finance)
      response.assertStatus(200)
      return referencesOf(response.text())
    }
    assert.deepEqual(await page('?tri=financeur'), ['C-DREETS', 'B-2024', 'A-2023'])
    assert.deepEqual(await page('?tri=financeur&ordre=desc'), ['A-2023', 'B-2024', 'C-DREETS'])
    assert.deepEqual(await page('?tri=debut&ordre=desc'), ['B-2024', 'C-DREETS', 'A-2023'])
    const past = await client.get('/financements/conventions?q=DREETS&page=4').actingAs(finance)
    assert.deepEqual(referencesOf(past.text()), ['C-DREETS'])
    assert.deepEqual(totalsOf(past.text()).count, '1')
    assert.include(past.text(), 'page 1 sur 1')
    const none = await client.get('/financements/conventions?q=zzz&page=2').actingAs(finance)
    assert.deepEqual(totalsOf(none.text()), {
      count: '0',
      awarded: money('0'),
      received: money('0'),
      remaining: money('0'),
    })
    assert.include(none.text(), 'Aucune convention ne correspond à « zzz ».')
  })

  test('the filters are parsed once into a typed object', ({ assert }) => {
    assert.deepEqual(grantListFilters({ financeur: '12', statut: 'signed', annee: '2024' }), {
      funderId: 12,
      status: 'signed',
      year: 2024,
    })
    assert.deepEqual(grantListFilters({ financeur: '-1', statut: 'toString', annee: '24.5' }), {
      funderId: null,
      status: null,
      year: null,
    })
  })
})
