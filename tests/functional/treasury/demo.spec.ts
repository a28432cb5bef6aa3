import { test } from '@japa/runner'
import { CashForecast } from '#reports/treasury/cash_forecast'
import { sumMoney } from '#support/money'
import { asOrganisation, demoOrganisation, isolated, makeUser, tenantOf } from '#tests/helpers'

/**
 * The demo's forecast shows real figures: it starts from the demo's bank at the end of 2023
 * (its statements, or its 512 ledger balance while it has none) and projects 2024 with the
 * demo's instalments still awaited, its payroll and its suppliers.
 */
test.group('Treasury | the demo', (group) => {
  isolated(group)

  test('the forecast starts on 31/12/2023 and projects 2024 from the demo data', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const forecast = await asOrganisation(organisation, () =>
      new CashForecast(tenantOf(organisation), {}).build()
    )
    assert.equal(forecast.opening.date, '2023-12-31')
    assert.notEqual(forecast.opening.source, 'none')
    assert.equal(forecast.horizon, '2024-12-31')
    const sources = new Set(forecast.flows.map((flow) => flow.source))
    assert.isTrue(sources.has('net_pay'), 'payroll from the register')
    assert.isTrue(sources.has('social_charges'), 'charges from the register')
    assert.isTrue(
      forecast.flows.some((flow) => flow.source === 'grants' && flow.date.startsWith('2024')),
      'instalments awaited in 2024'
    )
    assert.isTrue(forecast.monthly.periods[0].outflows.net_pay.gt(0))

    // The demo's 2023 instalments are matched to their receipts: every funder paid has an
    // observed delay (receipt date − expected date), a few weeks to a few months late.
    assert.isAbove(forecast.delays.length, 10, 'funders with an observed delay')
    for (const delay of forecast.delays) {
      assert.isAbove(delay.observations, 0, delay.funder)
      assert.isTrue(delay.medianDays > 0 && delay.medianDays <= 120, delay.funder)
    }
    // The conventions' 2024 splits are scheduled: several millions come in during 2024 ...
    const inflows2024 = sumMoney(
      forecast.flows
        .filter((flow) => flow.source === 'grants' && !flow.overdue && flow.date.startsWith('2024'))
        .map((flow) => flow.amount)
    )
    assert.isTrue(inflows2024.gt(5_000_000), `2024 grant inflows: ${inflows2024.toFixed(2)}`)
    // ... so the balance does not collapse over the year: its lowest point, in the spring
    // before the State's and the local authorities' advances come in, stays above −1,5 M€.
    const lowest = forecast.monthly.lowest
    assert.isTrue(
      lowest.amount.gt(-1_500_000),
      `lowest: ${lowest.amount.toFixed(2)} on ${lowest.date}`
    )
    assert.isTrue(forecast.monthly.periods.at(-1)!.closing.gt(-1_500_000))
    assert.equal(forecast.threshold.amount?.toFixed(2), '500000.00', 'the board’s threshold')
    // The demo's planned purchase is an outflow on its day.
    const purchase = forecast.flows.find((flow) => flow.source === 'manual')!
    assert.equal(purchase.date, '2024-09-16')
    assert.equal(purchase.amount.toFixed(2), '-60000.00')

    const finance = await makeUser(organisation, ['finance'])
    const page = await client.get('/tresorerie/previsionnel').actingAs(finance)
    page.assertStatus(200)
    page.assertTextIncludes('31/12/2023')
    const delays = page
      .text()
      .split('Délais de paiement observés des financeurs')[1]
      .split('<h2>')[0]
    assert.notInclude(delays, 'Aucun versement rapproché')
    const franceTravail = forecast.delays.find((d) => d.funder === 'France Travail (Pôle emploi)')!
    assert.include(
      delays,
      `<td>France Travail (Pôle emploi)</td><td class="num">${franceTravail.observations}</td><td class="num">${franceTravail.medianDays}</td>`
    )
  }).timeout(600_000)
})
