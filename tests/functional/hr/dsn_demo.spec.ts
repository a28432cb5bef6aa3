import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { demoOrganisation, isolated, makeUser, tenantOf } from '#tests/helpers'
import { DsnPayrollMonths } from '#reports/hr/dsn_payroll'
import { ReconciliationChecks } from '#reports/reconciliation/check_results'
import { FseHourlyRate } from '#reports/hr/staff_costs'
import { toMoney } from '#support/money'

test.group('DSN: the demo’s twelve 2023 declarations', (group) => {
  isolated(group)

  test('twelve monthly DSN are in force and match the ledger and the register month by month', async ({
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const declarations = await db
      .from('dsn_declarations')
      .where({ organisation_id: organisation.id, status: 'active' })
      .orderBy('month')
    assert.deepEqual(
      declarations.map((d) => d.month),
      Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}-01`)
    )
    const { months } = await new DsnPayrollMonths(tenantOf(organisation), { year: 2023 }).build()
    for (const m of months) {
      assert.isTrue(m.ledgerGross.gt(0), m.month)
      assert.equal(m.dsnGross!.toFixed(2), m.ledgerGross.toFixed(2), `gross ${m.month}`)
      assert.equal(
        m.dsnContributions!.toFixed(2),
        m.ledgerContributions.toFixed(2),
        `645 ${m.month}`
      )
      assert.equal(m.dsnHeadcount, m.registerHeadcount, `headcount ${m.month}`)
    }
  })

  test('the register is unchanged: no contract corrected or added, NIRs known to HR only', async ({
    assert,
    client,
  }) => {
    const organisation = await demoOrganisation()
    const [{ corrected, withoutNir }] = (
      await db.rawQuery(
        `SELECT (SELECT count(*)::int FROM contracts WHERE organisation_id = ? AND superseded_at IS NOT NULL) AS corrected,
                (SELECT count(DISTINCT c.employee_id)::int FROM contracts c JOIN employees e ON e.id = c.employee_id
                  WHERE c.organisation_id = ? AND e.nir IS NULL AND c.start_date <= '2023-12-31'
                    AND (c.end_date IS NULL OR c.end_date >= '2023-01-01')) AS "withoutNir"`,
        [organisation.id, organisation.id]
      )
    ).rows
    assert.equal(corrected, 0)
    const [{ components, months }] = (
      await db.rawQuery(
        `SELECT (SELECT coalesce(sum(amount), 0)::text FROM pay_components
                  WHERE organisation_id = ? AND source = 'dsn' AND cancelled_at IS NULL) AS components,
                (SELECT coalesce(sum(gross), 0)::text FROM dsn_employee_months WHERE organisation_id = ?) AS months`,
        [organisation.id, organisation.id]
      )
    ).rows
    const { months: payroll } = await new DsnPayrollMonths(tenantOf(organisation), {
      year: 2023,
    }).build()
    const ledger = payroll.reduce((sum, m) => sum + Math.round(m.ledgerGross.toNumber() * 100), 0)
    assert.equal(Math.round(Number(components) * 100), ledger, 'base pay components = 641x')
    assert.equal(Math.round(Number(months) * 100), ledger, 'monthly gross of the people = 641x')
    assert.equal(withoutNir, 0)
    const hr = await makeUser(organisation, ['hr'])
    const page = (await client.get('/rh/dsn').actingAs(hr)).text()
    assert.include(page, '12/2023')
  })

  test('the payroll reconciliation of 2023 is exact: gross, contributions, headcount, each month', async ({
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const results = (
      await new ReconciliationChecks(tenantOf(organisation), { year: 2023 }).build()
    ).filter((r) => r.checkId.startsWith('payroll.'))
    assert.lengthOf(results, 36)
    for (const r of results) assert.equal(r.status, 'ok', `${r.checkId}: ${r.explanation}`)
  })

  test('a month whose DSN no longer matches the ledger is a discrepancy', async ({ assert }) => {
    const organisation = await demoOrganisation()
    await db
      .from('dsn_declarations')
      .where({ organisation_id: organisation.id, month: '2023-05-01', status: 'active' })
      .increment('gross_total', 10)
    const results = await new ReconciliationChecks(tenantOf(organisation), { year: 2023 }).build()
    const may = results.find((r) => r.checkId === 'payroll.gross_dsn_vs_ledger:2023-05')!
    assert.equal(may.status, 'discrepancy')
    assert.equal(Number(may.difference), -10)
  })
  test('the FSE+ hourly rate of a person reads the last twelve months of DSN pay', async ({
    assert,
  }) => {
    const organisation = await demoOrganisation()
    // Someone full time all of 2023 on one contract, declared every month.
    const [person] = (
      await db.rawQuery(
        `SELECT m.employee_id AS id, sum(m.gross)::text AS gross
           FROM dsn_employee_months m
          WHERE m.organisation_id = ? AND m.month BETWEEN '2023-01-01' AND '2023-12-01'
            AND m.employee_id IN (SELECT employee_id FROM contracts
                                   WHERE organisation_id = ? AND superseded_at IS NULL
                                   GROUP BY employee_id
                                  HAVING count(*) = 1 AND min(start_date) <= '2023-01-01'
                                     AND bool_and(end_date IS NULL) AND bool_and(part_time_share = 1))
          GROUP BY m.employee_id HAVING count(*) = 12
          ORDER BY m.employee_id LIMIT 1`,
        [organisation.id, organisation.id]
      )
    ).rows
    assert.exists(person, 'a full-time employee declared all year')
    const hr = await db.from('hr_settings').where('organisation_id', organisation.id).first()
    const chargeRate = toMoney(hr?.employer_charge_rate ?? '0.45')
    const hours = Number(hr?.fse_annual_hours ?? 1720)
    const rateOn = (on: string) =>
      new FseHourlyRate(tenantOf(organisation), { employeeId: person.id, on }).build()
    // Annual DSN gross × (1 + charges) / 1 720 h, rounded to the cent.
    const expected = toMoney(person.gross).times(chargeRate.plus(1)).div(hours).toFixed(2)
    assert.equal((await rateOn('2023-12-31'))!.toFixed(2), expected)
    // With fewer than twelve declared months, the salary history's rate as before.
    const [event] = (
      await db.rawQuery(
        `SELECT gross_annual_fte::text AS rate FROM salary_events
          WHERE organisation_id = ? AND employee_id = ? AND effective_date <= '2023-06-30'
          ORDER BY effective_date DESC, id DESC LIMIT 1`,
        [organisation.id, person.id]
      )
    ).rows
    assert.equal(
      (await rateOn('2023-06-30'))!.toFixed(2),
      toMoney(event.rate).times(chargeRate.plus(1)).div(hours).toFixed(2)
    )
  })
})
