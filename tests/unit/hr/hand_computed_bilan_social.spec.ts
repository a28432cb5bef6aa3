import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Decimal } from 'decimal.js'
import type Organisation from '#models/core/organisation'
import { isolated, makeOrganisation, tenantOf } from '#tests/helpers'
import { asOrg } from '#tests/fixtures/accounting'
import { addContract, createEmployee, type ContractInput } from '#actions/hr/register'
import BilanSocialReport, { type CountRow } from '#reports/hr/bilan_social'

/**
 * Hand-computed bilan social (issue #11) on a six-person register written below; every cell is
 * worked out in the comments from these dates. Year N = 2024, N-1 = 2023 (31/12 of each).
 *
 *   Anne   F  1970-03-15 française   CDI 2010-09-01 → (running)            cadre, Conseiller
 *   Bruno  H  2001-06-01 française   CDD 2024-03-01 → 2024-08-31 fin_cdd   employé, Chargé d'accueil
 *                                    CDI 2024-09-01 → (running)            (same spell: no gap)
 *   Chloé  F  1985-01-10 italienne   CDI 2024-01-15 → 2024-06-30 démission TAM, Conseiller
 *   David  H  1960-12-01 française   CDI 2000-01-01 → 2024-12-31 retraite  cadre, Conseiller
 *   Emma   F  2005-02-01 portugaise  apprentissage 2023-09-01 → 2025-08-31 employé
 *   Farid  H  1995-07-01 française   CDD de remplacement 2024-10-01 → 2025-03-31 employé
 */
async function register() {
  const organisation = await makeOrganisation('Mission Locale registre')
  await asOrg(organisation, () =>
    db.transaction(async (trx) => {
      const [conseiller, accueil] = await trx
        .table('job_references')
        .multiInsert([
          { organisation_id: organisation.id, code: 'CONS', label: 'Conseiller', position: 1 },
          { organisation_id: organisation.id, code: 'ACC', label: "Chargé d'accueil", position: 2 },
        ])
        .returning('id')
      const person = async (
        surname: string,
        sex: string,
        birthDate: string,
        nationality: string,
        contracts: Array<Partial<ContractInput> & { contractType: string; startDate: string }>
      ) => {
        const employee = await createEmployee(
          organisation.id,
          { surname, firstNames: surname, sex, birthDate, nationality },
          trx
        )
        for (const contract of contracts) {
          await addContract(employee.id, { jobTitle: 'Poste', partTimeShare: 1, ...contract }, trx)
        }
      }
      const cons = { jobReferenceId: conseiller.id }
      const acc = { jobReferenceId: accueil.id }
      await person('Anne', 'F', '1970-03-15', 'française', [
        { contractType: 'cdi', startDate: '2010-09-01', csp: 'cadre', ...cons },
      ])
      await person('Bruno', 'H', '2001-06-01', 'française', [
        {
          contractType: 'cdd',
          startDate: '2024-03-01',
          endDate: '2024-08-31',
          endReason: 'fin_cdd',
          csp: 'employe',
          ...acc,
        },
        { contractType: 'cdi', startDate: '2024-09-01', csp: 'employe', ...acc },
      ])
      await person('Chloé', 'F', '1985-01-10', 'italienne', [
        {
          contractType: 'cdi',
          startDate: '2024-01-15',
          endDate: '2024-06-30',
          endReason: 'demission',
          csp: 'tam',
          ...cons,
        },
      ])
      await person('David', 'H', '1960-12-01', 'française', [
        {
          contractType: 'cdi',
          startDate: '2000-01-01',
          endDate: '2024-12-31',
          endReason: 'retraite',
          csp: 'cadre',
          ...cons,
        },
      ])
      await person('Emma', 'F', '2005-02-01', 'portugaise', [
        {
          contractType: 'apprentissage',
          startDate: '2023-09-01',
          endDate: '2025-08-31',
          endReason: 'fin_cdd',
          csp: 'employe',
        },
      ])
      await person('Farid', 'H', '1995-07-01', 'française', [
        {
          contractType: 'cdd_remplacement',
          startDate: '2024-10-01',
          endDate: '2025-03-31',
          endReason: 'fin_cdd',
          csp: 'employe',
        },
      ])
    })
  )
  return organisation
}

async function bilanSocial(organisation: Organisation) {
  return asOrg(organisation, () =>
    new BilanSocialReport(tenantOf(organisation), { year: 2024 }).build()
  )
}

/** label → [F, H, total, N-1 total, evolution to 4 decimals]. */
function cells(rows: CountRow[]) {
  return Object.fromEntries(
    rows.map((r) => [
      r.label,
      [r.current.F, r.current.H, r.current.total, r.previousTotal, r.evolution?.toFixed(4) ?? null],
    ])
  )
}

const years = (value: Decimal | null) => value?.toFixed(4) ?? null

test.group('Hand-computed | bilan social', (group) => {
  isolated(group)

  test('headcount at 31/12 by contract, with subtotals, N-1 and evolution', async ({ assert }) => {
    const report = await bilanSocial(await register())
    // 31/12/2024: CDI Anne (F), Bruno (H, his CDI), David (H, leaves that very day); apprentice
    // Emma (F); Farid's replacement CDD is outside the table. Chloé left on 30/06.
    // 31/12/2023: CDI Anne, David; apprentice Emma.
    assert.deepEqual(cells(report.headcount), {
      'CDI': [1, 2, 3, 2, '0.5000'], // (3 − 2) / 2
      'CDD': [0, 0, 0, 0, null], // N-1 zero: no evolution
      'Sous-total I': [1, 2, 3, 2, '0.5000'],
      'Contrat de professionnalisation': [0, 0, 0, 0, null],
      "Contrat d'apprentissage": [1, 0, 1, 1, '0.0000'],
      'Sous-total II': [1, 0, 1, 1, '0.0000'],
      'TOTAL': [2, 2, 4, 3, '0.3333'], // (4 − 3) / 3
    })
  })

  test('seniority from the start of the employment spell: averages and bands', async ({
    assert,
  }) => {
    const report = await bilanSocial(await register())
    // Days to 31/12/2024 from the spell start, ÷ 365.25 (replacement CDD excluded):
    //   Anne 2010-09-01: 5 235 d = 14.33 y; Bruno 2024-03-01 (CDD then CDI, no gap): 305 d = 0.84 y;
    //   David 2000-01-01: 9 131 d = 25.00 y (24.9993); Emma 2023-09-01: 487 d = 1.33 y.
    assert.deepEqual(
      [
        years(report.seniority.current.F),
        years(report.seniority.current.H),
        years(report.seniority.current.total),
      ],
      [
        '7.8330', // (5 235 + 487) / 2 / 365.25 = 7.83299
        '12.9172', // (305 + 9 131) / 2 / 365.25 = 12.91718
        '10.3751', // 15 158 / 4 / 365.25 = 10.37509
      ]
    )
    // 31/12/2023: Anne 4 869 d, David 8 765 d, Emma 121 d.
    assert.deepEqual(
      [
        years(report.seniority.previous.F),
        years(report.seniority.previous.H),
        years(report.seniority.previous.total),
      ],
      [
        '6.8309', // (4 869 + 121) / 2 / 365.25 = 6.83094
        '23.9973', // 8 765 / 365.25 = 23.99726
        '12.5530', // 13 755 / 3 / 365.25 = 12.55305
      ]
    )
    assert.deepEqual(
      report.seniorityBands.map((b) => [b.label, b.count, b.share.toFixed(2)]),
      [
        ["Moins d'un an", 1, '0.25'], // Bruno 0.84
        ['1 à 3 ans', 1, '0.25'], // Emma 1.33
        ['3 à 5 ans', 0, '0.00'],
        ['5 à 10 ans', 0, '0.00'],
        ['10 à 20 ans', 1, '0.25'], // Anne 14.33
        ['20 ans et plus', 1, '0.25'], // David 24.9993
      ]
    )
  })

  test('emploi repère at 31/12 (CDI and CDD only)', async ({ assert }) => {
    const report = await bilanSocial(await register())
    // Anne and David are Conseillers, Bruno Chargé d'accueil; Emma (apprentice) and Farid
    // (replacement) are not in this table.
    assert.deepEqual(
      report.jobReferences.map((r) => [r.label, r.current.F, r.current.H, r.current.total]),
      [
        ['Conseiller', 1, 1, 2],
        ["Chargé d'accueil", 0, 1, 1],
        ['TOTAL', 1, 2, 3],
      ]
    )
  })

  test('hires, departures by reason, under-25 hires', async ({ assert }) => {
    const report = await bilanSocial(await register())
    // Hires of 2024 = first contract of a spell, CDI or CDD: Chloé CDI (F), Bruno CDD (H; his
    // CDI continues the spell). None in 2023 (Emma's apprenticeship is not a CDI/CDD).
    assert.deepEqual(cells(report.hires), {
      CDI: [1, 0, 1, 0, null],
      CDD: [0, 1, 1, 0, null],
      TOTAL: [1, 1, 2, 0, null],
    })
    // Departures of 2024 = last contract of a spell: Chloé (démission), David (retraite, on
    // 31/12). Bruno's CDD ending on 31/08 is not a departure.
    assert.deepEqual(
      report.departures.map((r) => [r.label, r.current.F, r.current.H, r.current.total]),
      [
        ['Démission', 1, 0, 1],
        ['Rupture conventionnelle', 0, 0, 0],
        ['Licenciement', 0, 0, 0],
        ['Retraite', 0, 1, 1],
        ["Autres (fin de CDD, fin de période d'essai, rupture anticipée...)", 0, 0, 0],
        ['TOTAL', 1, 1, 2],
      ]
    )
    // Bruno is 22 on 2024-03-01; Chloé is 39 on 2024-01-15.
    assert.deepEqual(report.under25Hires, { F: 0, H: 1, total: 1 })
  })

  test('average monthly headcount: Σ contracts running on each month-end / 12', async ({
    assert,
  }) => {
    const report = await bilanSocial(await register())
    // Anne 12 + David 12 + Emma 12 + Chloé 6 (31/01 → 30/06) + Bruno 10 (CDD 31/03 → 31/08,
    // CDI 30/09 → 31/12) + Farid 3 (31/10, 30/11, 31/12) = 55 → 55 / 12 = 4.5833
    assert.equal(report.averageMonthlyHeadcount.toFixed(4), '4.5833')
  })

  test('age bands, nationality and category at 31/12', async ({ assert }) => {
    const report = await bilanSocial(await register())
    const ages = new Map(report.ageBands.map((r) => [r.label, r]))
    // Ages on 31/12/2024: Anne 54, Bruno 23, David 64, Emma 19 (Farid 29, replacement CDD).
    // N-1 (31/12/2023): Anne 53, David 63, Emma 18.
    const age = (label: string) => {
      const r = ages.get(label)!
      return [r.current.F, r.current.H, r.current.total, r.previousTotal]
    }
    assert.deepEqual(age('Moins de 25 ans'), [1, 1, 2, 1]) // Emma, Bruno; N-1 Emma
    assert.deepEqual(age('35 à 44 ans'), [0, 0, 0, 0])
    assert.deepEqual(age('45 à 54 ans'), [1, 0, 1, 1]) // Anne
    assert.deepEqual(age('55 ans et plus'), [0, 1, 1, 1]) // David
    // Nationality (headcount table's population): Emma is portugaise.
    assert.deepEqual(cells(report.byNationality), {
      'Nationalité française': [1, 2, 3, 2, '0.5000'], // Anne, Bruno, David; N-1 Anne, David
      'Autre nationalité': [1, 0, 1, 1, '0.0000'], // Emma
      'TOTAL': [2, 2, 4, 3, '0.3333'],
    })
    assert.deepEqual(cells(report.byCategory), {
      'Ouvriers': [0, 0, 0, 0, null],
      'Employés': [1, 1, 2, 1, '1.0000'], // Emma, Bruno; N-1 Emma
      'Techniciens et agents de maîtrise': [0, 0, 0, 0, null], // Chloé left in June
      'Ingénieurs et cadres': [1, 1, 2, 2, '0.0000'], // Anne, David
      'TOTAL': [2, 2, 4, 3, '0.3333'],
    })
  })

  test('the age table breaks down the same 31/12 population as the other tables', async ({
    assert,
  }) => {
    const report = await bilanSocial(await register())
    // Headcount, nationality and category tables all exclude Farid's replacement CDD (4 people
    // at 31/12/2024). An age pyramid of the same bilan must add up to the same 4 people:
    // Emma 19, Bruno 23, Anne 54, David 64 → no one aged 25–34.
    const ages = new Map(report.ageBands.map((r) => [r.label, r.current.total]))
    assert.equal(ages.get('25 à 34 ans'), 0)
    assert.equal(ages.get('TOTAL'), 4)
    assert.equal(ages.get('TOTAL'), report.headcount.at(-1)!.current.total)
  })
})
