import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { demoOrganisation, isolated, makeOrganisation, tenantOf } from '#tests/helpers'
import { ReconciliationChecks } from '#reports/reconciliation/check_results'
import { storePublishedReport, type PublishedLine } from '#reconciliation/published_format'
import { partsVsTotal, type PublishedRow } from '#reconciliation/published_hr_checks'
import type Organisation from '#models/core/organisation'

/*
 * Published HR and training tables: printed figures against the HR reports, and every printed
 * total against its printed parts.
 */

let nextId = 1
function printed(
  table: string,
  row: string,
  column: string,
  value: number,
  unit = 'count'
): PublishedRow {
  return {
    id: nextId++,
    domain: 'hr',
    table_key: table,
    row_key: row,
    column_key: column,
    value,
    text_value: null,
    unit,
  }
}

function headcount(cdiF: number, total: number) {
  return [
    printed('headcount_by_contract', 'CDI', 'F', cdiF),
    printed('headcount_by_contract', 'CDI', 'H', 2),
    printed('headcount_by_contract', 'CDI', 'total', 5),
    printed('headcount_by_contract', 'CDD', 'total', 1),
    printed('headcount_by_contract', 'Sous-total I', 'total', 6),
    printed('headcount_by_contract', "Contrat d'apprentissage", 'total', 2),
    printed('headcount_by_contract', 'Sous-total II', 'total', 2),
    printed('headcount_by_contract', 'TOTAL', 'total', total),
    printed('plan_cost', 'couts_pedagogiques', 'value', 1000, 'eur'),
    printed('plan_cost', 'couts_annexes', 'value', 150, 'eur'),
    printed('plan_cost', 'couts_annexes / transport', 'value', 100, 'eur'),
    printed('plan_cost', 'couts_annexes / repas', 'value', 50, 'eur'),
    printed('plan_cost', 'total', 'value', 1150, 'eur'),
  ]
}

test.group('Published report: printed totals against their printed parts', () => {
  test('totals, sub-totals, details and F + H that add up are ok', ({ assert }) => {
    const results = partsVsTotal(headcount(3, 8))
    const byId = new Map(results.map((r) => [r.checkId, r]))
    const id = (rest: string) => `published.parts_vs_total:hr:${rest}`
    assert.equal(byId.get(id('headcount_by_contract:TOTAL:total'))?.status, 'ok')
    assert.equal(Number(byId.get(id('headcount_by_contract:TOTAL:total'))!.actual), 8)
    assert.equal(byId.get(id('headcount_by_contract:Sous-total I:total'))?.status, 'ok')
    assert.equal(Number(byId.get(id('headcount_by_contract:Sous-total I:total'))!.actual), 6)
    assert.equal(byId.get(id('headcount_by_contract:Sous-total II:total'))?.status, 'ok')
    assert.equal(byId.get(id('headcount_by_contract:CDI:F+H'))?.status, 'ok')
    assert.equal(byId.get(id('plan_cost:couts_annexes:value:detail'))?.status, 'ok')
    assert.equal(byId.get(id('plan_cost:total:value'))?.status, 'ok')
    assert.isTrue(results.every((r) => r.status === 'ok'))
  })

  test('a total that its parts do not make is a discrepancy with the amount', ({ assert }) => {
    const rows = headcount(4, 9)
    // The printed detail of the annexes makes 160 € for 150 € printed.
    rows.find((r) => r.row_key === 'couts_annexes / repas')!.value = 60
    const byId = new Map(partsVsTotal(rows).map((r) => [r.checkId, r]))
    const get = (rest: string) => byId.get(`published.parts_vs_total:hr:${rest}`)!
    assert.equal(get('headcount_by_contract:CDI:F+H').status, 'discrepancy')
    assert.equal(Number(get('headcount_by_contract:CDI:F+H').difference), 1)
    assert.equal(get('headcount_by_contract:TOTAL:total').status, 'discrepancy')
    assert.equal(Number(get('headcount_by_contract:TOTAL:total').difference), -1)
    assert.equal(get('plan_cost:couts_annexes:value:detail').status, 'discrepancy')
    assert.equal(Number(get('plan_cost:couts_annexes:value:detail').difference), 10)
    // The total is made of the printed lines, not of the detail: it still adds up.
    assert.equal(get('plan_cost:total:value').status, 'ok')
  })

  test('printed shares: 101 % is rounding, 97 % a discrepancy', ({ assert }) => {
    const shares = (values: number[]) =>
      partsVsTotal(values.map((v, i) => printed('bands', `b${i}`, 'percent', v, 'percent')))[0]
    assert.equal(shares([50, 51]).status, 'rounding')
    assert.equal(shares([50, 47]).status, 'discrepancy')
    assert.equal(Number(shares([50, 47]).difference), -3)
    assert.equal(shares([40, 60]).status, 'ok')
  })
})

test.group('Published report: HR tables against the HR reports', (group) => {
  isolated(group)

  async function staff(organisation: Organisation) {
    const employees = await db
      .table('employees')
      .multiInsert([
        {
          organisation_id: organisation.id,
          surname: 'A',
          first_names: 'Anne',
          sex: 'F',
          birth_date: '1980-05-01',
        },
        {
          organisation_id: organisation.id,
          surname: 'B',
          first_names: 'Bruno',
          sex: 'H',
          birth_date: '1990-05-01',
        },
      ])
      .returning('id')
    await db.table('contracts').multiInsert([
      {
        organisation_id: organisation.id,
        employee_id: employees[0].id,
        contract_type: 'cdi',
        job_title: 'Conseillère',
        start_date: '2020-01-01',
      },
      {
        organisation_id: organisation.id,
        employee_id: employees[1].id,
        contract_type: 'cdd',
        job_title: 'Conseiller',
        start_date: '2023-06-01',
        end_date: '2024-03-31',
        end_reason: 'fin_cdd',
      },
    ])
    const [action] = await db
      .table('training_actions')
      .insert({ organisation_id: organisation.id, title: 'Accueil' })
      .returning('id')
    await db.table('training_cost_lines').multiInsert(
      [
        ['pedagogique', 1000],
        ['transport', 100.4],
        ['repas', 50],
      ].map(([kind, amount]) => ({
        organisation_id: organisation.id,
        training_action_id: action.id,
        kind,
        incurred_on: '2023-03-01',
        amount,
      }))
    )
  }

  async function publish(organisation: Organisation, values: PublishedLine[]) {
    await db.transaction((trx) =>
      storePublishedReport(organisation.id, { year: 2023, title: 'Rapport 2023', values }, trx)
    )
  }

  const line = (
    table: string,
    row: string,
    column: string,
    value: number,
    unit: PublishedLine['unit'] = 'count'
  ): PublishedLine => ({ domain: 'hr', table, row, column, value, unit })

  test('printed figures equal to the reports pass, others are discrepancies', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation('RH publié')
    await staff(organisation)
    const values = (total: number, annexes: number) => [
      line('headcount_by_contract', 'CDI', 'F', 1),
      line('headcount_by_contract', 'CDD', 'H', 1),
      line('headcount_by_contract', 'TOTAL', 'total', total),
      line('hires', 'CDD', 'total', 1),
      line('training.plan_cost', 'couts_pedagogiques', 'value', 1000, 'eur'),
      line('training.plan_cost', 'couts_annexes', 'value', annexes, 'eur'),
    ]
    await publish(organisation, values(2, 150))
    let r = new Map(
      (await new ReconciliationChecks(tenantOf(organisation), { year: 2023 }).build()).map((x) => [
        x.checkId,
        x,
      ])
    )
    const hr = (rest: string) => r.get(`published.hr:${rest}`)!
    assert.equal(hr('headcount_by_contract:CDI:F').status, 'ok')
    assert.equal(hr('headcount_by_contract:CDD:H').status, 'ok')
    assert.equal(hr('headcount_by_contract:TOTAL:total').status, 'ok')
    assert.equal(hr('hires:CDD:total').status, 'ok')
    assert.equal(hr('training.plan_cost:couts_pedagogiques:value').status, 'ok')
    // 150,40 € computed, 150 € printed: printed to the euro.
    assert.equal(hr('training.plan_cost:couts_annexes:value').status, 'ok')

    await publish(organisation, values(3, 155))
    r = new Map(
      (await new ReconciliationChecks(tenantOf(organisation), { year: 2023 }).build()).map((x) => [
        x.checkId,
        x,
      ])
    )
    assert.equal(hr('headcount_by_contract:TOTAL:total').status, 'discrepancy')
    assert.equal(Number(hr('headcount_by_contract:TOTAL:total').difference), -1)
    assert.equal(hr('training.plan_cost:couts_annexes:value').status, 'discrepancy')
    assert.equal(Number(hr('training.plan_cost:couts_annexes:value').difference), -4.6)
  })

  test('the demo lists the HR and training inconsistencies of the printed report', async ({
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const results = await new ReconciliationChecks(tenantOf(organisation), { year: 2023 }).build()
    const hr = results.filter(
      (x) =>
        x.checkId.startsWith('published.hr') || x.checkId.startsWith('published.parts_vs_total')
    )
    assert.isAbove(hr.filter((x) => x.status === 'ok').length, 200)
    const found = hr
      .filter((x) => x.status !== 'ok')
      .map((x) => [x.checkId, x.status, Number(x.difference)])
    assert.sameDeepMembers(found, [
      // "Coûts annexes" printed 9 912 € while their printed detail makes 10 113 €.
      [
        'published.parts_vs_total:hr:training.plan_cost:couts_annexes:value:detail',
        'discrepancy',
        201,
      ],
      // The training records hold the detail: Socle computes 10 113 € and a total of 168 180 €.
      ['published.hr:training.plan_cost:couts_annexes:value', 'discrepancy', 201],
      ['published.hr:training.plan_cost:total:value', 'discrepancy', 201],
      // Seniority bands printed to the unit total 101 %.
      ['published.parts_vs_total:hr:seniority_bands:percent:total_des_pourcentages', 'rounding', 1],
    ])
    // The equality index is reproduced (92).
    const index = results.find(
      (x) => x.checkId === 'published.hr:gender_equality_index:score:value'
    )!
    assert.equal(index.status, 'ok')
    assert.equal(Number(index.actual), 92)
  })
})
