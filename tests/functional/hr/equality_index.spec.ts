import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { asOrganisation, isolated, makeOrganisation, makeUser, tenantOf } from '#tests/helpers'
import EqualityIndexReport from '#reports/hr/equality_index'
import type Organisation from '#models/core/organisation'
import { seededHrOrganisation } from './helpers.js'

test.group('HR | equality index of the demo', (group) => {
  isolated(group)

  test('2023 gives 92/100 from the register, as the report says', async ({ assert }) => {
    const { organisation, rapport } = await seededHrOrganisation()
    const index = await new EqualityIndexReport(tenantOf(organisation), {
      from: '2023-01-01',
      to: '2023-12-31',
    }).build()
    assert.equal(index.index, rapport.hr.gender_equality_index.score)
    assert.equal(index.method, '50-250')
    assert.deepEqual(
      index.indicators.map((i) => i.points),
      [37, 35, 15, 5]
    )
    assert.isTrue(index.indicators.every((i) => i.calculable))
    assert.isFalse(index.correctiveMeasures)
    assert.isFalse(index.progressionObjectives)
  })
})

interface Person {
  sex: 'F' | 'H'
  csp: string
  contractType?: string
  start?: string
  pay: number
  /** Salary events after hiring: [date, kind, new annual gross FTE]. */
  events?: Array<[string, 'raise' | 'promotion', number]>
  leave?: [string, string]
}

/** Direct inserts of a synthetic register (inside the test's rolled-back transaction). */
async function register(organisation: Organisation, people: Person[]) {
  return asOrganisation(organisation, async () => {
    const ids: Array<{ id: number }> = await db
      .table('employees')
      .multiInsert(
        people.map((p, i) => ({
          organisation_id: organisation.id,
          registry_number: `S${String(i + 1).padStart(4, '0')}`,
          surname: `SALARIE${i + 1}`,
          first_names: 'Test',
          sex: p.sex,
          birth_date: '1985-06-15', // 38 on 31/12/2023: all in the 30-39 band
        }))
      )
      .returning('id')
    const at = (i: number) => ids[i].id
    await db.table('contracts').multiInsert(
      people.map((p, i) => ({
        organisation_id: organisation.id,
        employee_id: at(i),
        contract_type: p.contractType ?? 'cdi',
        job_title: 'Poste',
        csp: p.csp,
        part_time_share: '1.0000',
        start_date: p.start ?? '2020-01-06',
      }))
    )
    await db.table('salary_events').multiInsert(
      people.flatMap((p, i) => [
        {
          organisation_id: organisation.id,
          employee_id: at(i),
          effective_date: p.start ?? '2020-01-06',
          kind: 'hire',
          gross_annual_fte: p.pay.toFixed(2),
        },
        ...(p.events ?? []).map(([date, kind, amount]) => ({
          organisation_id: organisation.id,
          employee_id: at(i),
          effective_date: date,
          kind,
          gross_annual_fte: amount.toFixed(2),
        })),
      ])
    )
    const leaves = people.flatMap((p, i) =>
      p.leave
        ? [
            {
              organisation_id: organisation.id,
              employee_id: at(i),
              kind: 'maternite',
              start_date: p.leave[0],
              end_date: p.leave[1],
            },
          ]
        : []
    )
    if (leaves.length) await db.table('leaves').multiInsert(leaves)
  })
}

const LAST_DAY = '2023-12-31'

/**
 * 300 employees present all of 2023, 100 per CSP (employés, TAM, cadres), 50 women and 50 men each;
 * plus an apprentice and a hire of 1 October (both outside the indicators). A raise or promotion on
 * 31/12 adds 365 € a year, i.e. 1 € to the average pay of the year.
 *
 * Expected by hand (Egapro rules, more than 250 employees):
 * - pay: employés and TAM within the 5 % threshold; cadres: men 50 000.50, women
 *   (46 x 46 000 + 4 x 60 000) / 50 + 0.30 = 47 120.30 -> gap 5.76 %, 0.76 after threshold,
 *   x 100 / 300 = 0.25 -> 0.3 -> 39 points, favouring men;
 * - raises (promotions excluded): employés 40 % / 40 %, TAM women 50 % men 40 % (-10),
 *   cadres women 20 % men 40 % (+20) -> (-10 x 100 + 20 x 100) / 300 = 3.3 -> 10 points, men;
 * - promotions: employés women 20 % men 10 % (-10), others 10 % / 10 % -> 3.3, favouring women,
 *   who are the lower paid: catch-up, 15 points;
 * - maternity: 3 returns, 3 raised after their return, a raise during the leaves: 15 points;
 * - ten highest paid: the 4 women cadres at 60 000 and 6 men: 10 points.
 * Total 39 + 10 + 15 + 15 + 10 = 89 / 100.
 */
function largeRegister(): Person[] {
  const people: Person[] = []
  const raised = { employe: [20, 20], tam: [25, 20], cadre: [10, 20] } as const
  const promoted = { employe: [10, 5], tam: [5, 5], cadre: [5, 5] } as const
  for (const csp of ['employe', 'tam', 'cadre'] as const) {
    for (const [s, sex] of (['F', 'H'] as const).entries()) {
      for (let j = 0; j < 50; j++) {
        const base =
          csp === 'employe'
            ? 24000
            : csp === 'tam'
              ? 30000
              : sex === 'H'
                ? 50000
                : j < 4
                  ? 60000
                  : 46000
        const person: Person = { sex, csp, pay: base, events: [] }
        if (j < raised[csp][s]) {
          // one man of the TAM is raised on 3 April, during the maternity leaves
          const date = csp === 'tam' && sex === 'H' && j === 0 ? '2023-04-03' : LAST_DAY
          person.events!.push([date, 'raise', base + 365])
        }
        if (j >= 50 - promoted[csp][s]) person.events!.push([LAST_DAY, 'promotion', base + 365])
        if (csp === 'employe' && sex === 'F' && j < 3) person.leave = ['2023-03-01', '2023-06-20']
        people.push(person)
      }
    }
  }
  people.push({ sex: 'H', csp: 'employe', pay: 12000, contractType: 'apprentissage' })
  people.push({ sex: 'F', csp: 'cadre', pay: 90000, start: '2023-10-01' })
  return people
}

test.group('HR | equality index of a company of more than 250 employees', (group) => {
  isolated(group)

  test('a 300-employee register gets the five-indicator method: 89/100', async ({ assert }) => {
    const organisation = await makeOrganisation('Grande structure')
    await register(organisation, largeRegister())
    const index = await asOrganisation(organisation, () =>
      new EqualityIndexReport(tenantOf(organisation), {
        from: '2023-01-01',
        to: '2023-12-31',
      }).build()
    )
    // 300 all year + the October hire for 92 days; the apprentice is not counted.
    assert.equal(index.averageHeadcount.toFixed(2), '300.25')
    assert.equal(index.band, '251+')
    assert.equal(index.method, '251+')
    assert.deepEqual(index.headcount, { F: 150, H: 150, total: 300 })
    assert.deepEqual(
      index.indicators.map((i) => [i.code, i.calculable, i.points, i.max]),
      [
        ['pay', true, 39, 40],
        ['raises', true, 10, 20],
        ['promotions', true, 15, 15],
        ['maternity', true, 15, 15],
        ['top10', true, 10, 10],
      ]
    )
    const { pay, raises, promotions, maternity, top10 } = index.byCode
    assert.equal(pay!.result!.toString(), '0.3')
    assert.equal(pay!.favoured, 'H')
    assert.equal(raises!.result!.toString(), '3.3')
    assert.equal(raises!.favoured, 'H')
    assert.isFalse(raises!.detail.catchUp)
    assert.deepEqual(
      raises!.detail.groups!.map((g: any) => [g.csp, g.countWomen, g.countMen, g.gap.toString()]),
      [
        ['employe', 20, 20, '0'],
        ['tam', 25, 20, '-10'],
        ['cadre', 10, 20, '20'],
      ]
    )
    assert.equal(promotions!.result!.toString(), '3.3')
    assert.equal(promotions!.favoured, 'F')
    assert.isTrue(promotions!.detail.catchUp)
    assert.deepEqual(maternity!.detail, {
      returned: 3,
      raisedOnReturn: 3,
      raisesDuringLeaves: true,
    })
    assert.deepEqual(top10!.detail, { women: 4, men: 6 })
    assert.equal(index.points, 89)
    assert.equal(index.maxPoints, 100)
    assert.equal(index.index, 89)
    assert.isFalse(index.correctiveMeasures)
    assert.isFalse(index.progressionObjectives)
  }).timeout(60_000)

  test('the page shows the method and the raise and promotion tables by CSP', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation('Grande structure')
    await register(organisation, largeRegister())
    const hr = await makeUser(organisation, ['hr'])
    const response = await client.get('/rh/egalite?annee=2023').actingAs(hr)
    response.assertStatus(200)
    const text = response.text()
    assert.include(text, 'Effectif moyen de la période : 300,3 salariés')
    assert.include(text, 'entreprises de plus de 250 salariés (cinq indicateurs)')
    assert.include(text, 'augmentations individuelles (hors promotions) par CSP')
    assert.include(text, 'Taux de promotions par CSP')
    assert.include(text, '89 / 100')
    assert.notInclude(text, "l'index n'est pas obligatoire")
  }).timeout(60_000)

  test('under 50 employees the page says the index is not required', async ({ client, assert }) => {
    const organisation = await makeOrganisation('Petite structure')
    const people: Person[] = []
    for (let j = 0; j < 12; j++) people.push({ sex: j < 6 ? 'F' : 'H', csp: 'employe', pay: 24000 })
    await register(organisation, people)
    const hr = await makeUser(organisation, ['hr'])
    const response = await client.get('/rh/egalite?annee=2023').actingAs(hr)
    response.assertStatus(200)
    const text = response.text()
    assert.include(text, 'Effectif moyen de la période : 12,0 salariés')
    assert.include(text, "l'index n'est pas obligatoire")
    assert.include(text, 'entreprises de 50 à 250 salariés (quatre indicateurs)')
  }).timeout(60_000)
})
