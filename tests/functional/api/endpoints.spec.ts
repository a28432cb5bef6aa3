import { test } from '@japa/runner'
import { Decimal } from 'decimal.js'
import emitter from '@adonisjs/core/services/emitter'
import db from '@adonisjs/lucid/services/db'
import { loadRapport2023 } from '#database/seeders/demo'
import { BalanceSheet, IncomeStatement } from '#reports/accounting/statements'
import { LedgerChoices } from '#reports/accounting/fiscal_years'
import { TrialBalanceReport } from '#reports/accounting/trial_balance'
import { KeyFigures } from '#reports/activity/key_figures'
import { YearEndPositions } from '#reports/grants/year_end'
import { ReconciliationStatus } from '#reports/reconciliation/reconciliation_status'
import RunReconciliation from '#actions/reconciliation/run_reconciliation'
import type { ApiRequestEntry } from '#http/api/request_log'
import { demoOrganisation, inspecting, isolated, makeUser, tenantOf } from '#tests/helpers'
import { AMOUNT, apiGet, tokenFor } from '#tests/functional/api/tokens'

/**
 * Each endpoint of the JSON API with a valid token answers the 2023 demo figures: the same
 * report objects the pages read (compared value by value), and the printed 2023 report where
 * it has the figure. Amounts are strings with two decimals.
 */

const euro = (amount: string) => new Decimal(amount).toDecimalPlaces(0, Decimal.ROUND_HALF_UP)

async function directionToken() {
  const demo = await demoOrganisation()
  // Direction reads accounting, grants, activity and reconciliation.
  const user = await makeUser(demo, ['direction'])
  return { demo, user, token: await tokenFor(user) }
}

test.group('API | endpoints with the 2023 demo', (group) => {
  isolated(group)

  test('compte de résultat 2023: the report the page reads, line by line', async ({
    client,
    assert,
  }) => {
    const { demo, token } = await directionToken()
    const response = await apiGet(client, '/api/v1/compte-de-resultat?annee=2023', token.value)
    response.assertStatus(200)
    assert.match(String(response.header('content-type')), /application\/json/)
    const body = response.body()
    const report = await new IncomeStatement(tenantOf(demo), { year: 2023 }).build()
    assert.equal(body.fiscal_year.annee, 2023)
    assert.equal(body.kind, 'income_statement')
    const rows = report.rows.filter((r) => r.kind !== 'heading')
    assert.lengthOf(body.lines, rows.length)
    for (const [index, row] of rows.entries()) {
      assert.equal(body.lines[index].code, row.code)
      assert.equal(body.lines[index].amounts.n, row.current.toFixed(2), row.code)
      assert.equal(body.lines[index].amounts.n1, row.previous.toFixed(2), row.code)
      assert.match(body.lines[index].amounts.n, AMOUNT)
    }
    const rapport = await loadRapport2023()
    const is = rapport.accounts.income_statement
    const total = body.lines.find((l: { code: string }) => l.code === 'TP')
    assert.equal(euro(total.amounts.n).toNumber(), is.total_produits['2023'])
    assert.equal(body.result.n, report.result.current.toFixed(2))
  })

  test('bilan 2023: balanced, the report the page reads', async ({ client, assert }) => {
    const { demo, token } = await directionToken()
    const response = await apiGet(client, '/api/v1/bilan?annee=2023', token.value)
    response.assertStatus(200)
    const body = response.body()
    const report = await new BalanceSheet(tenantOf(demo), { year: 2023 }).build()
    assert.isTrue(body.balanced)
    const line = (code: string) => body.lines.find((l: { code: string }) => l.code === code)
    const row = (code: string) => report.rows.find((r) => r.code === code)!
    assert.equal(line('AT').amounts.n, row('AT').current.toFixed(2))
    assert.equal(line('AT').amounts.brut, row('AT').gross.toFixed(2))
    assert.equal(line('FT').amounts.n, row('FT').current.toFixed(2))
    const rapport = await loadRapport2023()
    assert.equal(
      euro(line('AT').amounts.n).toNumber(),
      rapport.accounts.balance_sheet.actif.total_general.net_2023
    )
  })

  test('balance générale 2023: every account of the report, and its totals', async ({
    client,
    assert,
  }) => {
    const { demo, token } = await directionToken()
    const response = await apiGet(client, '/api/v1/balance-generale?annee=2023', token.value)
    response.assertStatus(200)
    const body = response.body()
    const tenant = tenantOf(demo)
    const { years } = await new LedgerChoices(tenant, {}).build()
    const year = years.find((y) => y.end_date.startsWith('2023-'))!
    const report = await new TrialBalanceReport(tenant, { fiscalYearId: year.id }).build()
    assert.equal(body.fiscal_year.id, year.id)
    assert.isAbove(report.rows.length, 50)
    assert.deepEqual(
      body.accounts.map((a: { number: string; closing_debit: string }) => [
        a.number,
        a.closing_debit,
      ]),
      report.rows.map((r) => [r.accountNumber, r.closingDebit.toFixed(2)])
    )
    assert.equal(body.totals.movement_debit, report.totals.movementDebit.toFixed(2))
    assert.equal(body.totals.movement_debit, body.totals.movement_credit)
    assert.match(body.totals.closing_credit, AMOUNT)
  })

  test('chiffres clés 2023: the cards and tables of the page', async ({ client, assert }) => {
    const { demo, token } = await directionToken()
    const response = await apiGet(client, '/api/v1/chiffres-cles?annee=2023', token.value)
    response.assertStatus(200)
    const body = response.body()
    const report = await new KeyFigures(tenantOf(demo), { year: 2023 }).build()
    assert.equal(body.annee, 2023)
    assert.deepEqual(
      body.cards.map((c: { label: string; value: string }) => [c.label, c.value]),
      report.cards.map((c) => [
        c.label,
        c.unit === 'eur' ? c.value!.toFixed(2) : c.value!.toFixed(),
      ])
    )
    const rapport = await loadRapport2023()
    const young = body.cards.find((c: { label: string }) => c.label === 'Jeunes accompagnés')
    assert.equal(young.value, String(rapport.activity.key_figures.jeunes_accompagnes))
    assert.deepEqual(
      body.tables.map((t: { key: string; rows: unknown[] }) => [t.key, t.rows.length]),
      report.tables.map((t) => [t.key, t.rows.length])
    )
  })

  test('financements 2023: each convention at year end, as the year-end page', async ({
    client,
    assert,
  }) => {
    const { demo, token } = await directionToken()
    const response = await apiGet(client, '/api/v1/financements?annee=2023', token.value)
    response.assertStatus(200)
    const body = response.body()
    const report = await new YearEndPositions(tenantOf(demo), { year: 2023 }).build()
    assert.isAbove(report.positions.length, 0)
    assert.deepEqual(
      body.conventions.map((c: { reference: string; recognised: string }) => [
        c.reference,
        c.recognised,
      ]),
      report.positions.map((p) => [p.reference, p.recognised.toFixed(2)])
    )
    assert.equal(body.totals.recognised, report.totals.recognised.toFixed(2))
    assert.equal(body.ledger.dedicated_closing, report.ledger.dedicatedClosing.toFixed(2))
  })

  test('rapprochements 2023: the latest run of the year', async ({ client, assert }) => {
    const { demo, token } = await directionToken()
    await RunReconciliation.handle(tenantOf(demo), { year: 2023, trigger: 'manual' })
    const response = await apiGet(client, '/api/v1/rapprochements?annee=2023', token.value)
    response.assertStatus(200)
    const body = response.body()
    const report = await new ReconciliationStatus(tenantOf(demo), { year: 2023 }).build()
    assert.equal(body.run.id, Number(report.run!.id))
    assert.isAbove(body.results.length, 5)
    assert.deepEqual(
      body.results.map((r: { check_id: string; status: string }) => [r.check_id, r.status]),
      report.results.map((r) => [r.checkId, r.status])
    )
    for (const result of body.results) {
      if (result.expected !== null) assert.match(result.expected, AMOUNT)
    }
  })

  test('exercices and moi: the token’s organisation, user and permissions', async ({
    client,
    assert,
  }) => {
    const { demo, user, token } = await directionToken()
    const years = await apiGet(client, '/api/v1/exercices', token.value)
    years.assertStatus(200)
    const annees = years.body().fiscal_years.map((y: { annee: number }) => y.annee)
    assert.includeMembers(annees, [2022, 2023])

    const me = await apiGet(client, '/api/v1/moi', token.value)
    me.assertStatus(200)
    assert.equal(me.body().organisation.id, demo.id)
    assert.equal(me.body().user.id, user.id)
    assert.deepEqual(me.body().roles, ['direction'])
    assert.include(me.body().permissions, 'accounting.read')
    assert.notInclude(me.body().permissions, 'hr.personal')
    assert.equal(me.body().token.id, token.id)
  })

  test('an unknown year is a 404, a bad one a 422, in French JSON', async ({ client, assert }) => {
    const { token } = await directionToken()
    const unknown = await apiGet(client, '/api/v1/bilan?annee=2019', token.value)
    unknown.assertStatus(404)
    assert.match(unknown.body().error, /Exercice 2019 introuvable/)
    for (const url of [
      '/api/v1/balance-generale?annee=abc',
      '/api/v1/balance-generale',
      '/api/v1/financements?annee=1850',
      '/api/v1/compte-de-resultat?annee=2023&presentation=%3Cscript%3E',
    ]) {
      const bad = await apiGet(client, url, token.value)
      assert.equal(bad.status(), 422, url)
      assert.match(String(bad.header('content-type')), /application\/json/, url)
      assert.match(bad.body().error, /^Le (champ|format)/, url)
      assert.isString(bad.body().field, url)
    }
    const unknownRoute = await apiGet(client, '/api/v1/nulle-part', token.value)
    unknownRoute.assertStatus(404)
    assert.equal(unknownRoute.body().error, 'Cette page n’existe pas.')
  })

  test('every call is in the request log (token, user, organisation, route, status) and stamps last_used_at', async ({
    client,
    assert,
  }) => {
    const { demo, user, token } = await directionToken()
    const logged: ApiRequestEntry[] = []
    const listener = (entry: ApiRequestEntry) => void logged.push(entry)
    emitter.on('api:request', listener)
    try {
      await apiGet(client, '/api/v1/exercices', token.value).then((r) => r.assertStatus(200))
      await apiGet(client, '/api/v1/bilan?annee=2019', token.value).then((r) => r.assertStatus(404))
      await apiGet(client, '/api/v1/exercices').then((r) => r.assertStatus(401))
    } finally {
      emitter.off('api:request', listener)
    }
    assert.deepEqual(
      logged.map(({ tokenId, userId, organisationId, route, status }) => ({
        tokenId,
        userId,
        organisationId,
        route,
        status,
      })),
      [
        {
          tokenId: token.id,
          userId: user.id,
          organisationId: demo.id,
          route: 'api.v1.fiscal_years',
          status: 200,
        },
        {
          tokenId: token.id,
          userId: user.id,
          organisationId: demo.id,
          route: 'api.v1.balance_sheet',
          status: 404,
        },
        {
          tokenId: null,
          userId: null,
          organisationId: null,
          route: 'api.v1.fiscal_years',
          status: 401,
        },
      ]
    )
    const row = await inspecting(() => db.from('access_tokens').where('id', token.id).first())
    assert.isNotNull(row.last_used_at)
  })
})
