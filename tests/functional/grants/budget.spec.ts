import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type Organisation from '#models/core/organisation'
import type User from '#models/core/user'
import type { Role } from '#policies/role_matrix'
import {
  inspecting,
  isolated,
  makeOrganisation,
  makeUser,
  readWorkbook,
  tableCounts,
} from '#tests/helpers'
import { makeGrant, makeLedger, postEntry } from '#tests/functional/grants/fixtures'
import { flashed, send } from '#tests/functional/grants/helpers'

const TABLES = ['grant_budget_lines', 'audit_events']

function remove(client: ApiClient, user: User, url: string) {
  return client.delete(url).withCsrfToken().actingAs(user).redirects(0)
}

async function programme(organisation: Organisation, code: string) {
  const [row] = await db
    .table('programmes')
    .insert({
      organisation_id: organisation.id,
      code,
      name: `Dispositif ${code}`,
      level: 'national',
    })
    .returning('id')
  return row.id as number
}

/**
 * A convention with costs on several natures and programmes: 6411 booked with it (programme A),
 * 6226 booked without it and attributed in part (1 000 of 1 200, programme B), 6064 booked
 * with it and no programme, a 6894 fonds dédiés charge (no cost) and a 7413 revenue.
 */
async function setting(api: ApiClient) {
  const organisation = await makeOrganisation()
  const finance = await makeUser(organisation, ['finance'])
  const grant = await makeGrant(organisation, 'BUDG')
  const a = await programme(organisation, 'A')
  const b = await programme(organisation, 'B')
  const ledger = await makeLedger(organisation, ['6411', '6226', '6064', '6894', '7413', '512'])
  await postEntry(organisation, ledger, '2023-03-31', [
    { account: '6411', debit: '18000', grantId: grant.id },
    { account: '6064', debit: '250.40', grantId: grant.id },
    { account: '6894', debit: '5000', grantId: grant.id },
    { account: '7413', credit: '40000', grantId: grant.id },
    { account: '512', debit: '16749.60' },
  ])
  const fees = await postEntry(organisation, ledger, '2023-04-15', [
    { account: '6226', debit: '1200' },
    { account: '512', credit: '1200' },
  ])
  await db
    .from('entry_lines')
    .where({ organisation_id: organisation.id, account_number: '6411' })
    .update({ programme_id: a })
  const feeLine = await db
    .from('entry_lines')
    .where({ entry_id: fees, account_number: '6226' })
    .update({ programme_id: b })
    .returning('id')
  await send(api, finance, 'post', `/financements/conventions/${grant.id}/imputations`, {
    entryLineId: feeLine[0].id,
    amount: '1 000',
  })
  return { organisation, finance, grant, a, b }
}

/** The costs attributed to the convention, summed straight from the tables (not the view). */
async function independentCosts(grantId: number) {
  const { rows } = await inspecting(() =>
    db.rawQuery(
      `WITH lines AS (
         SELECT l.account_number, l.programme_id, l.debit - l.credit AS cost
           FROM entry_lines l WHERE l.grant_id = ?
         UNION ALL
         SELECT l.account_number, l.programme_id, CASE WHEN l.debit > 0 THEN a.amount ELSE -a.amount END
           FROM grant_line_allocations a JOIN entry_lines l ON l.id = a.entry_line_id
          WHERE a.grant_id = ?)
       SELECT coalesce(sum(cost) FILTER (WHERE account_number LIKE '64%'), 0) AS staff,
              coalesce(sum(cost) FILTER (WHERE account_number LIKE '61%' OR account_number LIKE '62%'), 0) AS external,
              coalesce(sum(cost) FILTER (WHERE account_number LIKE '60%'), 0) AS purchases,
              coalesce(sum(cost) FILTER (WHERE account_number LIKE '6%' AND account_number NOT LIKE '689%'), 0) AS total
         FROM lines`,
      [grantId, grantId]
    )
  )
  return rows[0] as Record<string, string>
}

/** The cells of the row headed `label` in the page's tables. */
function cells(html: string, label: string) {
  const row = new RegExp(`<th scope="row">${label}</th>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? ''
  return [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) =>
    m[1].replace(/[\s\u00a0\u202f]/g, ' ')
  )
}

test.group('Grants | cost budget of a convention', (group) => {
  isolated(group)

  test('finance enters the budget by nature and programme; the page compares it with the costs attributed, audited', async ({
    client: api,
    assert,
  }) => {
    const { finance, grant, a } = await setting(api)
    const before = await tableCounts(TABLES)
    for (const [line, amount] of [
      ['nature:staff', '20 000'],
      ['nature:external', '1 500,50'],
      [`programme:${a}`, '25000'],
    ]) {
      const response = await send(
        api,
        finance,
        'post',
        `/financements/conventions/${grant.id}/budget`,
        { line, amount }
      )
      assert.equal(flashed(response), '')
      assert.equal(flashed(response, 'success'), 'Ligne de budget ajoutée.')
    }
    const after = await tableCounts(TABLES)
    assert.equal(after.grant_budget_lines, before.grant_budget_lines + 3)
    assert.equal(after.audit_events, before.audit_events + 3)

    const html = (await api.get(`/financements/conventions/${grant.id}`).actingAs(finance)).text()
    const costs = await independentCosts(grant.id)
    assert.equal(costs.staff, '18000.00')
    assert.equal(costs.external, '1000.00')
    assert.deepEqual(cells(html, 'Frais de personnel \\(64\\)'), [
      '20 000,00 €',
      '18 000,00 €',
      '2 000,00 €',
      '90,0 %',
    ])
    assert.deepEqual(cells(html, 'Services extérieurs \\(61-62\\)'), [
      '1 500,50 €',
      '1 000,00 €',
      '500,50 €',
      '66,6 %',
    ])
    // Purchases: no budget, 250,40 € of costs; the 6894 fonds dédiés charge is no cost.
    assert.deepEqual(cells(html, 'Achats \\(60\\)'), ['—', '250,40 €', '-250,40 €', '—'])
    assert.deepEqual(cells(html, 'Dispositif A'), [
      '25 000,00 €',
      '18 000,00 €',
      '7 000,00 €',
      '72,0 %',
    ])
    assert.deepEqual(cells(html, 'Dispositif B').slice(0, 2), ['—', '1 000,00 €'])
    assert.deepEqual(cells(html, 'Sans dispositif sur la ligne').slice(0, 2), ['—', '250,40 €'])
    assert.include(html.replace(/[\u00a0\u202f]/g, ' '), '19 250,40 €') // total actual = independent total
    assert.equal(costs.total, '19250.40')

    const workbook = await readWorkbook(
      await api.get(`/financements/conventions/${grant.id}/budget.xlsx`).actingAs(finance)
    )
    const sheet = workbook.getWorksheet('Par nature')!
    const values = sheet.getSheetValues().slice(2) as unknown[][]
    const total = values.at(-1)!
    assert.equal(total[1], 'Total')
    assert.equal(Number(total[2]), 21500.5)
    assert.equal(Number(total[3]), Number(costs.total))
    const print = await api
      .get(`/financements/conventions/${grant.id}/budget/impression`)
      .actingAs(finance)
    print.assertStatus(200)
    assert.include(print.text(), 'Budget et réalisé — BUDG')
    assert.notInclude(print.text(), 'name="amount"')
  })

  test('a line is corrected and deleted, audited; a bad amount or a second line of the same nature is refused and changes nothing', async ({
    client: api,
    assert,
  }) => {
    const { finance, grant } = await setting(api)
    await send(api, finance, 'post', `/financements/conventions/${grant.id}/budget`, {
      line: 'nature:staff',
      amount: '20 000',
    })
    const line = await inspecting(() =>
      db.from('grant_budget_lines').where('grant_id', grant.id).firstOrFail()
    )
    const before = await tableCounts(TABLES)
    const bad = await send(api, finance, 'put', `/financements/budget/${line.id}`, {
      amount: 'douze',
      version: 1,
    })
    assert.oneOf(bad.status(), [302, 303, 422])
    assert.match(
      String((bad.flashMessages().inputErrorsBag as Record<string, string[]>).amount),
      /montant invalide/
    )
    const negative = await send(api, finance, 'put', `/financements/budget/${line.id}`, {
      amount: '-5',
      version: 1,
    })
    assert.oneOf(negative.status(), [302, 303, 422])
    const negativeErrors = negative.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.match(
      flashed(negative) || String(negativeErrors?.amount),
      /^Le champ montant doit être positif\.$|positif ou nul/
    )
    const twice = await send(api, finance, 'post', `/financements/conventions/${grant.id}/budget`, {
      line: 'nature:staff',
      amount: '1',
    })
    assert.equal(twice.status(), 303)
    assert.equal(flashed(twice), 'Cette nature de charge a déjà une ligne de budget : modifiez-la.')
    const unknown = await send(
      api,
      finance,
      'post',
      `/financements/conventions/${grant.id}/budget`,
      {
        line: 'nature:bogus',
        amount: '1',
      }
    )
    assert.equal(flashed(unknown), 'Nature de charge inconnue : choisissez-la dans la liste.')
    assert.deepEqual(await tableCounts(TABLES), before)
    const unchanged = await inspecting(() =>
      db.from('grant_budget_lines').where('id', line.id).first()
    )
    assert.equal(unchanged.amount, '20000.00')

    const edited = await send(api, finance, 'put', `/financements/budget/${line.id}`, {
      amount: '22 500,25',
      version: 1,
    })
    assert.equal(flashed(edited, 'success'), 'Ligne de budget modifiée.')
    const saved = await inspecting(() => db.from('grant_budget_lines').where('id', line.id).first())
    assert.equal(saved.amount, '22500.25')
    assert.equal(saved.version, 2)
    const stale = await send(api, finance, 'put', `/financements/budget/${line.id}`, {
      amount: '1',
      version: 1,
    })
    assert.match(flashed(stale), /modifiée par quelqu'un d'autre/)
    const deleted = await remove(api, finance, `/financements/budget/${line.id}`)
    assert.equal(flashed(deleted, 'success'), 'Ligne de budget supprimée.')
    const audit = await inspecting(() =>
      db
        .from('audit_events')
        .where({ subject_type: 'grant_budget_lines', subject_id: String(line.id) })
        .orderBy('id')
        .select('action')
    )
    assert.deepEqual(
      audit.map((e) => e.action),
      ['create', 'update', 'delete']
    )
    assert.equal(
      (await tableCounts(['grant_budget_lines'])).grant_budget_lines,
      before.grant_budget_lines - 1
    )
  })

  test("another organisation's convention or budget line is not found; a closed convention's budget stays", async ({
    client: api,
    assert,
  }) => {
    const { finance, grant } = await setting(api)
    const other = await setting(api)
    await send(api, other.finance, 'post', `/financements/conventions/${other.grant.id}/budget`, {
      line: 'nature:staff',
      amount: '10',
    })
    const foreign = await inspecting(() =>
      db.from('grant_budget_lines').where('grant_id', other.grant.id).firstOrFail()
    )
    await send(api, finance, 'post', `/financements/conventions/${grant.id}/budget`, {
      line: 'nature:purchases',
      amount: '300',
    })
    const own = await inspecting(() =>
      db.from('grant_budget_lines').where('grant_id', grant.id).firstOrFail()
    )
    const before = await tableCounts(TABLES)
    const post = await send(
      api,
      finance,
      'post',
      `/financements/conventions/${other.grant.id}/budget`,
      {
        line: 'nature:staff',
        amount: '10',
      }
    )
    post.assertStatus(404)
    const put = await send(api, finance, 'put', `/financements/budget/${foreign.id}`, {
      amount: '99',
      version: 1,
    })
    put.assertStatus(404)
    const del = await remove(api, finance, `/financements/budget/${foreign.id}`)
    del.assertStatus(404)
    const xlsx = await api
      .get(`/financements/conventions/${other.grant.id}/budget.xlsx`)
      .actingAs(finance)
    xlsx.assertStatus(404)
    // A programme of another organisation is refused too.
    const programmeOfOther = await send(
      api,
      finance,
      'post',
      `/financements/conventions/${grant.id}/budget`,
      {
        line: `programme:${other.a}`,
        amount: '10',
      }
    )
    assert.equal(flashed(programmeOfOther), 'Dispositif introuvable : choisissez-le dans la liste.')
    await db.from('grants').where('id', grant.id).update({ status: 'closed' })
    const closed = await send(
      api,
      finance,
      'post',
      `/financements/conventions/${grant.id}/budget`,
      {
        line: 'nature:staff',
        amount: '10',
      }
    )
    assert.match(flashed(closed), /son budget ne peut plus être modifié/)
    const closedEdit = await send(api, finance, 'put', `/financements/budget/${own.id}`, {
      amount: '1',
      version: 1,
    })
    assert.match(flashed(closedEdit), /son budget ne peut plus être modifié/)
    const closedDelete = await remove(api, finance, `/financements/budget/${own.id}`)
    closedDelete.assertStatus(303)
    assert.match(flashed(closedDelete), /son budget ne peut plus être modifié/)
    assert.deepEqual(await tableCounts(TABLES), before)
  })

  test('board and hr change no budget')
    .with(['board', 'hr'] as Role[])
    .run(async ({ client: api, assert }, role) => {
      const { organisation, finance, grant } = await setting(api)
      await send(api, finance, 'post', `/financements/conventions/${grant.id}/budget`, {
        line: 'nature:staff',
        amount: '10',
      })
      const line = await inspecting(() =>
        db.from('grant_budget_lines').where('grant_id', grant.id).firstOrFail()
      )
      const user = await makeUser(organisation, [role])
      const before = await tableCounts(TABLES)
      ;(
        await send(api, user, 'post', `/financements/conventions/${grant.id}/budget`, {
          line: 'nature:external',
          amount: '10',
        })
      ).assertStatus(403)
      ;(
        await send(api, user, 'put', `/financements/budget/${line.id}`, { amount: '1', version: 1 })
      ).assertStatus(403)
      ;(await remove(api, user, `/financements/budget/${line.id}`)).assertStatus(403)
      assert.deepEqual(await tableCounts(TABLES), before)
    })
})
