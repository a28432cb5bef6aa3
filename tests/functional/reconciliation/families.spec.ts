import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, tenantOf } from '#tests/helpers'
import { ensureCatalogue } from '#actions/activity/indicator_catalogue'
import { ReconciliationChecks } from '#reports/reconciliation/check_results'
import { storePublishedReport } from '#reconciliation/published_format'
import { actingAs } from '#support/request_context'
import type Organisation from '#models/core/organisation'
import { pageUrl } from '#http/page_url'

/*
 * Small hand-made cases for each family of checks: one that passes, one that fails.
 */

async function setup() {
  const organisation = await makeOrganisation('Cas de test')
  await actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
    db.transaction((trx) => ensureCatalogue(organisation.id, trx))
  )
  const [antenna] = await db
    .table('territories')
    .insert({ organisation_id: organisation.id, code: 'nord', name: 'Nord', kind: 'antenna' })
    .returning('id')
  const areas = await db
    .table('territories')
    .multiInsert([
      {
        organisation_id: organisation.id,
        code: 'nord--a',
        name: 'A',
        kind: 'commune',
        parent_id: antenna.id,
      },
      {
        organisation_id: organisation.id,
        code: 'nord--b',
        name: 'B',
        kind: 'commune',
        parent_id: antenna.id,
      },
    ])
    .returning('id')
  const [programme] = await db
    .table('programmes')
    .insert({ organisation_id: organisation.id, code: 'CEJ', name: 'CEJ', level: 'national' })
    .returning('id')
  return {
    organisation,
    antenna: antenna.id,
    areaA: areas[0].id,
    areaB: areas[1].id,
    programme: programme.id,
  }
}

async function put(
  organisation: Organisation,
  indicator: string,
  value: number,
  extra: {
    year?: number
    territory?: number
    programme?: number
    breakdown?: string
    modality?: string
  } = {}
) {
  const row = await db
    .from('indicators')
    .where({ organisation_id: organisation.id, code: indicator })
    .firstOrFail()
  await db.table('indicator_values').insert({
    organisation_id: organisation.id,
    year: extra.year ?? 2023,
    indicator_id: row.id,
    territory_id: extra.territory ?? null,
    programme_id: extra.programme ?? null,
    breakdown: extra.breakdown ?? null,
    modality: extra.modality ?? null,
    value,
    source: 'manual',
  })
}

async function results(organisation: Organisation, year = 2023) {
  const list = await new ReconciliationChecks(tenantOf(organisation), { year }).build()
  return new Map(list.map((r) => [r.checkId, r]))
}

test.group('Reconciliation families: activity', (group) => {
  isolated(group)

  test('parts that add up pass', async ({ assert }) => {
    const { organisation, antenna, areaA, areaB, programme } = await setup()
    await put(organisation, 'jeunes_accompagnes', 100)
    await put(organisation, 'jeunes_accompagnes', 100, { territory: antenna })
    await put(organisation, 'jeunes_accompagnes', 60, { territory: areaA })
    await put(organisation, 'jeunes_accompagnes', 40, { territory: areaB })
    await put(organisation, 'jeunes_accompagnes', 70, {
      breakdown: 'age_band',
      modality: '18-21 ans',
    })
    await put(organisation, 'jeunes_accompagnes', 30, {
      breakdown: 'age_band',
      modality: '22-25 ans',
    })
    await put(organisation, 'part_contacts_canal', 50, {
      breakdown: 'channel',
      modality: 'Téléphone',
    })
    await put(organisation, 'part_contacts_canal', 50, {
      breakdown: 'channel',
      modality: 'Courriel',
    })
    await put(organisation, 'beneficiaires_dispositif', 12, { programme })
    await put(organisation, 'dispositif_accompagnes', 12, { programme })
    await put(organisation, 'primo_accueillis', 30)
    await put(organisation, 'jeunes_accompagnes', 70, {
      breakdown: 'first_welcome_year',
      modality: 'Avant 2023',
    })
    await put(organisation, 'jeunes_accompagnes', 30, {
      breakdown: 'first_welcome_year',
      modality: '2023',
    })
    const r = await results(organisation)
    for (const id of [
      'activity.territories_vs_total:jeunes_accompagnes',
      'activity.areas_vs_antenna:jeunes_accompagnes:nord',
      'activity.breakdown_vs_total:jeunes_accompagnes:age_band',
      'activity.breakdown_vs_total:jeunes_accompagnes:first_welcome_year',
      'activity.breakdown_vs_total:part_contacts_canal:channel',
      'activity.programme_two_sources:CEJ',
      'activity.first_welcome_year',
      'activity.first_welcome_year_labels',
    ]) {
      assert.equal(r.get(id)?.status, 'ok', id)
    }
  })

  test('parts that do not add up are discrepancies with their amount; rounded shares are rounding', async ({
    assert,
  }) => {
    const { organisation, antenna, areaA, areaB, programme } = await setup()
    await put(organisation, 'jeunes_accompagnes', 100)
    await put(organisation, 'jeunes_accompagnes', 90, { territory: antenna })
    await put(organisation, 'jeunes_accompagnes', 60, { territory: areaA })
    await put(organisation, 'jeunes_accompagnes', 35, { territory: areaB })
    await put(organisation, 'jeunes_accompagnes', 70, {
      breakdown: 'age_band',
      modality: '18-21 ans',
    })
    await put(organisation, 'jeunes_accompagnes', 31, {
      breakdown: 'age_band',
      modality: '22-25 ans',
    })
    await put(organisation, 'part_contacts_canal', 33, {
      breakdown: 'channel',
      modality: 'Téléphone',
    })
    await put(organisation, 'part_contacts_canal', 33, {
      breakdown: 'channel',
      modality: 'Courriel',
    })
    await put(organisation, 'part_contacts_canal', 33, {
      breakdown: 'channel',
      modality: 'Entretien',
    })
    await put(organisation, 'part_services_theme', 60, { breakdown: 'theme', modality: 'Emploi' })
    await put(organisation, 'part_services_theme', 30, { breakdown: 'theme', modality: 'Santé' })
    await put(organisation, 'beneficiaires_dispositif', 12, { programme })
    await put(organisation, 'dispositif_accompagnes', 15, { programme })
    await put(organisation, 'primo_accueillis', 30)
    await put(organisation, 'jeunes_accompagnes', 50, {
      breakdown: 'first_welcome_year',
      modality: 'Avant 2021',
    })
    await put(organisation, 'jeunes_accompagnes', 18, {
      breakdown: 'first_welcome_year',
      modality: '2022',
    })
    await put(organisation, 'jeunes_accompagnes', 32, {
      breakdown: 'first_welcome_year',
      modality: '2023',
    })
    const r = await results(organisation)
    const expect = (id: string, status: string, difference?: number) => {
      assert.equal(r.get(id)?.status, status, id)
      if (difference !== undefined) assert.equal(Number(r.get(id)!.difference), difference, id)
    }
    expect('activity.territories_vs_total:jeunes_accompagnes', 'discrepancy', -10)
    expect('activity.areas_vs_antenna:jeunes_accompagnes:nord', 'discrepancy', 5)
    expect('activity.breakdown_vs_total:jeunes_accompagnes:age_band', 'discrepancy', 1)
    expect('activity.breakdown_vs_total:part_contacts_canal:channel', 'rounding', -1)
    expect('activity.breakdown_vs_total:part_services_theme:theme', 'discrepancy', -10)
    expect('activity.programme_two_sources:CEJ', 'discrepancy', 3)
    expect('activity.first_welcome_year', 'discrepancy', 2)
    expect('activity.first_welcome_year_labels', 'discrepancy', -1)
    assert.include(r.get('activity.first_welcome_year_labels')!.explanation!, '2021')
    assert.include(
      r.get('activity.areas_vs_antenna:jeunes_accompagnes:nord')!.explanation!,
      'dépasse de 5'
    )
  })

  test('an evolution of a total that its parts do not follow is a discrepancy', async ({
    assert,
  }) => {
    const { organisation, antenna, areaA, areaB } = await setup()
    for (const [year, total, a, b] of [
      [2022, 100, 50, 50],
      [2023, 110, 60, 50],
    ]) {
      await put(organisation, 'jeunes_accompagnes', total, { year, territory: antenna })
      await put(organisation, 'jeunes_accompagnes', a, { year, territory: areaA })
      await put(organisation, 'jeunes_accompagnes', b, { year, territory: areaB })
    }
    let r = await results(organisation)
    assert.equal(r.get('activity.evolution_parts_vs_total:jeunes_accompagnes:nord')?.status, 'ok')
    await db
      .from('indicator_values')
      .where({ year: 2022, territory_id: antenna })
      .update({ value: 120 })
    r = await results(organisation)
    assert.equal(
      r.get('activity.evolution_parts_vs_total:jeunes_accompagnes:nord')?.status,
      'discrepancy'
    )
  })

  test('nothing to check is missing data, not ok', async ({ assert }) => {
    const organisation = await makeOrganisation('Vide')
    const r = await results(organisation)
    assert.equal(r.get('activity.breakdown_vs_total')?.status, 'missing_data')
    assert.equal(r.get('published.activity')?.status, 'missing_data')
    assert.equal(r.get('accounting.balance_sheet_balances')?.status, 'missing_data')
    assert.equal(r.get('cross.grant_revenue_vs_ledger')?.status, 'missing_data')
  })
})

test.group('Reconciliation families: published report', (group) => {
  isolated(group)

  test('printed figures are compared line by line: equal, rounded, different', async ({
    assert,
  }) => {
    const { organisation, antenna } = await setup()
    await put(organisation, 'jeunes_accompagnes', 1000)
    await put(organisation, 'jeunes_accompagnes', 952, { year: 2022 })
    await put(organisation, 'jeunes_accompagnes', 990, { territory: antenna })
    await put(organisation, 'jeunes_accompagnes', 333, {
      breakdown: 'housing',
      modality: 'Famille',
    })
    await put(organisation, 'jeunes_accompagnes', 667, {
      breakdown: 'housing',
      modality: 'Autonome',
    })
    await actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
      db.transaction((trx) =>
        storePublishedReport(
          organisation.id,
          {
            year: 2023,
            title: 'Rapport 2023',
            values: [
              {
                domain: 'activity',
                table: 'key_figures',
                row: 'jeunes_accompagnes',
                column: 'value',
                value: 1000,
                unit: 'count',
              },
              {
                domain: 'activity',
                table: 'public',
                row: 'jeunes_accompagnes',
                column: 'evolution',
                value: 5,
                unit: 'evolution',
                text: '+5%',
              },
              {
                domain: 'activity',
                table: 'territories',
                row: 'Nord',
                column: 'jeunes_accompagnes',
                value: 1000,
                unit: 'count',
              },
              {
                domain: 'activity',
                table: 'housing',
                row: 'Famille',
                column: 'count',
                value: 333,
                unit: 'count',
              },
              {
                domain: 'activity',
                table: 'housing',
                row: 'Famille',
                column: 'percent',
                value: 34,
                unit: 'percent',
                text: '34%',
              },
              {
                domain: 'activity',
                table: 'housing',
                row: 'Autonome',
                column: 'percent',
                value: 67,
                unit: 'percent',
                text: '67%',
              },
              {
                domain: 'activity',
                table: 'housing',
                row: 'Autonome',
                column: 'count',
                value: 600,
                unit: 'count',
              },
            ],
          },
          trx
        )
      )
    )
    const r = await results(organisation)
    const status = (id: string) => r.get(`published.activity:${id}`)?.status
    assert.equal(status('key_figures:jeunes_accompagnes:value'), 'ok')
    assert.equal(status('public:jeunes_accompagnes:evolution'), 'ok')
    assert.equal(status('territories:Nord:jeunes_accompagnes'), 'discrepancy')
    assert.equal(
      Number(r.get('published.activity:territories:Nord:jeunes_accompagnes')!.difference),
      -10
    )
    assert.equal(status('housing:Famille:count'), 'ok')
    assert.equal(status('housing:Famille:percent'), 'rounding')
    assert.equal(status('housing:Autonome:percent'), 'ok')
    assert.equal(status('housing:Autonome:count'), 'discrepancy')
    assert.equal(status('housing:total_des_pourcentages'), 'rounding')
  })
})

test.group('Reconciliation families: published statements', (group) => {
  isolated(group)

  test('the printed result of the income statement and of the balance sheet agree', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation('Résultat publié')
    const store = (surplus: number, result: number) =>
      actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
        db.transaction((trx) =>
          storePublishedReport(
            organisation.id,
            {
              year: 2023,
              title: 'Rapport',
              values: [
                {
                  domain: 'accounting',
                  table: 'income_statement',
                  row: 'excedent',
                  column: '2023',
                  value: surplus,
                  unit: 'eur',
                },
                {
                  domain: 'accounting',
                  table: 'balance_sheet.passif',
                  row: "Résultat de l'exercice",
                  column: '2023',
                  value: result,
                  unit: 'eur',
                },
              ],
            },
            trx
          )
        )
      )
    const status = async () =>
      (await results(organisation)).get('published.accounting_result')?.status
    await store(1000, 1000)
    assert.equal(await status(), 'ok')
    await store(1000, 999)
    assert.equal(await status(), 'rounding')
    await store(1000, 900)
    assert.equal(await status(), 'discrepancy')
  })
})

test.group('Reconciliation families: accounting and cross-domain', (group) => {
  isolated(group)

  async function ledger(organisation: Organisation, labels = ['2022', '2023']) {
    const years = await db
      .table('fiscal_years')
      .multiInsert(
        labels.map((label) => ({
          organisation_id: organisation.id,
          label,
          start_date: `${label}-01-01`,
          end_date: `${label}-12-31`,
        }))
      )
      .returning(['id', 'label'])
    const [journal] = await db
      .table('journals')
      .insert({ organisation_id: organisation.id, code: 'OD', label: 'Opérations diverses' })
      .returning('id')
    const accountIds = new Map<string, number>()
    const account = async (number: string) => {
      if (!accountIds.has(number)) {
        const [row] = await db
          .table('accounts')
          .insert({ organisation_id: organisation.id, number, label: `Compte ${number}` })
          .returning('id')
        accountIds.set(number, row.id)
      }
      return accountIds.get(number)!
    }
    const entry = async (year: string, lines: Array<[string, number, number]>) => {
      const fiscalYear = years.find((y: any) => y.label === year)!
      const date = `${year}-06-30`
      const [e] = await db
        .table('entries')
        .insert({
          organisation_id: organisation.id,
          journal_id: journal.id,
          fiscal_year_id: fiscalYear.id,
          entry_date: date,
          label: 'Test',
        })
        .returning('id')
      for (const [index, [number, debit, credit]] of lines.entries()) {
        await db.table('entry_lines').insert({
          line_no: index + 1,
          organisation_id: organisation.id,
          entry_id: e.id,
          account_id: await account(number),
          account_number: number,
          entry_date: date,
          debit,
          credit,
        })
      }
    }
    const lineGrant = (number: string, grantId: number) =>
      db
        .from('entry_lines')
        .where({ organisation_id: organisation.id, account_number: number })
        .update({ grant_id: grantId })
    return { entry, lineGrant }
  }

  test('dedicated funds and balance: a consistent ledger passes, stray movements are shown', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation('Compta')
    const { entry } = await ledger(organisation)
    await entry('2022', [
      ['512', 100, 0],
      ['194', 0, 100],
    ])
    await entry('2023', [
      ['512', 100, 0],
      ['194', 0, 100],
    ])
    await entry('2023', [
      ['6894', 30, 0],
      ['194', 0, 30],
    ])
    await entry('2023', [
      ['194', 20, 0],
      ['7894', 0, 20],
    ])
    await entry('2023', [
      ['512', 1000, 0],
      ['7411', 0, 1000],
    ])
    let r = await results(organisation)
    assert.equal(r.get('accounting.dedicated_funds')?.status, 'ok')
    assert.equal(r.get('accounting.balance_sheet_balances')?.status, 'ok')
    // 2023 is not closed: the result is read from the balance sheet accounts (990 €).
    const result = r.get('accounting.result_pl_equals_balance_sheet')!
    assert.equal(result.status, 'ok')
    assert.equal(Number(result.expected), 990)
    assert.equal(Number(result.actual), 990)

    await entry('2023', [
      ['512', 5, 0],
      ['194', 0, 5],
    ])
    await entry('2023', [['512', 7, 0]])
    r = await results(organisation)
    const funds = r.get('accounting.dedicated_funds')!
    assert.equal(funds.status, 'discrepancy')
    assert.equal(Number(funds.difference), 5)
    assert.deepInclude(funds.details!, { label: 'Autres mouvements', value: 5 })
    const fundsNow = funds.details!.find((d) => d.label === 'Fonds dédiés N')!
    assert.equal(fundsNow.link?.route, 'accounting.balance')
    assert.match(
      pageUrl(fundsNow.link!),
      /^\/comptabilite\/balance\?exercice=\d+&compte_de=19&compte_a=199999999999$/
    )
    assert.equal(r.get('accounting.balance_sheet_balances')?.status, 'discrepancy')
    assert.equal(Number(r.get('accounting.balance_sheet_balances')!.difference), 7)
    // The unbalanced 7 € leave the balance sheet carrying 997 € for a result of 990 €.
    const unbalanced = r.get('accounting.result_pl_equals_balance_sheet')!
    assert.equal(unbalanced.status, 'discrepancy')
    assert.equal(Number(unbalanced.expected), 997)
    assert.equal(Number(unbalanced.difference), -7)
  })

  test('payroll: base salaries (6411) against the register pro rata of the days under contract', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation('Paie')
    const { entry } = await ledger(organisation)
    const [anne, bruno] = await db
      .table('employees')
      .multiInsert(
        [
          ['A', 'Anne', 'F'],
          ['B', 'Bruno', 'H'],
        ].map(([surname, firstNames, sex]) => ({
          organisation_id: organisation.id,
          surname,
          first_names: firstNames,
          sex,
          birth_date: '1985-01-01',
        }))
      )
      .returning('id')
    await db.table('contracts').multiInsert([
      {
        organisation_id: organisation.id,
        employee_id: anne.id,
        contract_type: 'cdi',
        job_title: 'Conseillère',
        start_date: '2020-01-01',
      },
      // Half time from 16 March to 31 May: 16/31 of March, April and May.
      {
        organisation_id: organisation.id,
        employee_id: bruno.id,
        contract_type: 'cdd',
        job_title: 'Conseiller',
        part_time_share: '0.5000',
        start_date: '2023-03-16',
        end_date: '2023-05-31',
        end_reason: 'fin_cdd',
      },
    ])
    await db.table('salary_events').multiInsert([
      {
        organisation_id: organisation.id,
        employee_id: anne.id,
        effective_date: '2020-01-01',
        kind: 'hire',
        gross_annual_fte: '36000.00',
      },
      {
        organisation_id: organisation.id,
        employee_id: bruno.id,
        effective_date: '2023-03-16',
        kind: 'hire',
        gross_annual_fte: '24000.00',
      },
    ])
    // 36 000 + 1 000 x 0.5 x 16/31 + 1 000 + 1 000 = 38 516,13 in the register; the ledger's
    // base salaries are 83,87 € above (within 2 %), beside paid leave and a bonus.
    await entry('2023', [
      ['6411', 38600, 0],
      ['6412', 1000, 0],
      ['6413', 5000, 0],
      ['421', 0, 44600],
    ])
    let payroll = (await results(organisation)).get('cross.payroll_vs_register')!
    assert.equal(payroll.status, 'ok')
    assert.equal(Number(payroll.expected), 38516.13)
    assert.equal(Number(payroll.actual), 38600)
    assert.equal(Number(payroll.difference), 83.87)
    assert.include(payroll.explanation!, 'dans la tolérance')
    assert.equal(
      payroll.details!.find((d) => d.label === 'Compte 6413 (hors comparaison)')?.value,
      5000
    )

    // 1 000 € more of base salaries: 1 083,87 € above, beyond 2 % of 39 600 €.
    await entry('2023', [
      ['6411', 1000, 0],
      ['421', 0, 1000],
    ])
    payroll = (await results(organisation)).get('cross.payroll_vs_register')!
    assert.equal(payroll.status, 'discrepancy')
    assert.equal(Number(payroll.difference), 1083.87)
    assert.equal(Number(payroll.tolerance), 792)
  })

  test('training: HR costs against the ledger, missing when the ledger does not isolate them', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation('Formation')
    const { entry } = await ledger(organisation)
    const [action] = await db
      .table('training_actions')
      .insert({ organisation_id: organisation.id, title: 'Accueil' })
      .returning('id')
    await db.table('training_cost_lines').multiInsert([
      {
        organisation_id: organisation.id,
        training_action_id: action.id,
        kind: 'pedagogique',
        incurred_on: '2023-03-01',
        amount: 1200,
      },
      {
        organisation_id: organisation.id,
        training_action_id: action.id,
        kind: 'salaire',
        incurred_on: '2023-03-01',
        amount: 5000,
      },
    ])
    await entry('2023', [
      ['6228', 1200, 0],
      ['512', 0, 1200],
    ])
    let r = await results(organisation)
    assert.equal(r.get('cross.training_vs_ledger:costs')?.status, 'ok')
    assert.equal(r.get('cross.training_vs_ledger:opco')?.status, 'missing_data')
    await entry('2023', [
      ['6228', 300, 0],
      ['512', 0, 300],
    ])
    r = await results(organisation)
    assert.equal(r.get('cross.training_vs_ledger:costs')?.status, 'discrepancy')
    assert.equal(Number(r.get('cross.training_vs_ledger:costs')!.difference), 300)
  })

  test('OPCO refunds: 7917 up to the 2024 chart, the charge account 649 from the 2025 chart', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation('Remboursements OPCO')
    const { entry } = await ledger(organisation, ['2023', '2025'])
    const [action] = await db
      .table('training_actions')
      .insert({ organisation_id: organisation.id, title: 'Tutorat' })
      .returning('id')
    for (const year of ['2023', '2025']) {
      await db.table('training_financing_lines').insert({
        organisation_id: organisation.id,
        training_action_id: action.id,
        funder: 'uniformation',
        mode: 'fonction_tutorale',
        requested_on: `${year}-02-01`,
        amount_expected: 800,
        amount_received: 800,
        received_on: `${year}-05-01`,
      })
    }
    // 2023: the refund is a transfer of charges on 7917; 2025: it credits the charge (649).
    await entry('2023', [
      ['512', 800, 0],
      ['7917', 0, 800],
    ])
    await entry('2025', [
      ['512', 800, 0],
      ['649', 0, 800],
    ])
    const y2023 = (await results(organisation, 2023)).get('cross.training_vs_ledger:opco')!
    assert.equal(y2023.status, 'ok')
    assert.include(y2023.title, '7917')
    const y2025 = (await results(organisation, 2025)).get('cross.training_vs_ledger:opco')!
    assert.equal(y2025.status, 'ok')
    assert.include(y2025.title, '649')
    assert.notInclude(y2025.title, '7917')
    // A 2025 refund still booked on 7917 is not read: the 2025 check sees 649 only.
    await entry('2025', [
      ['512', 100, 0],
      ['7917', 0, 100],
    ])
    await entry('2025', [
      ['512', 50, 0],
      ['649', 0, 50],
    ])
    const again = (await results(organisation, 2025)).get('cross.training_vs_ledger:opco')!
    assert.equal(again.status, 'discrepancy')
    assert.equal(Number(again.difference), 50)
  })

  test('grant revenue per funder reads the grants view of the ledger: line grant and allocations', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation('Conventions')
    const { entry, lineGrant } = await ledger(organisation)
    const [funder] = await db
      .table('funders')
      .insert({ organisation_id: organisation.id, name: 'État', category: 'etat_dreets' })
      .returning('id')
    const [grant] = await db
      .table('grants')
      .insert({
        organisation_id: organisation.id,
        funder_id: funder.id,
        reference: 'E-1',
        title: 'Socle',
        period_start: '2023-01-01',
        period_end: '2023-12-31',
        amount_awarded: 1500,
        status: 'signed',
      })
      .returning('id')
    await db
      .table('grant_years')
      .insert({ organisation_id: organisation.id, grant_id: grant.id, year: 2023, amount: 1500 })
    // 1 000 € booked on the convention, 800 € booked without it (500 € attributed afterwards),
    // and a use of dedicated funds (7894) on the convention, which is not the year's revenue.
    await entry('2023', [
      ['512', 1000, 0],
      ['7411', 0, 1000],
    ])
    await lineGrant('7411', grant.id)
    await entry('2023', [
      ['512', 800, 0],
      ['7441', 0, 800],
    ])
    await entry('2023', [
      ['194', 200, 0],
      ['7894', 0, 200],
    ])
    await lineGrant('7894', grant.id)
    const line7441 = await db
      .from('entry_lines')
      .where({ organisation_id: organisation.id, account_number: '7441' })
      .firstOrFail()
    await db.table('grant_line_allocations').insert({
      organisation_id: organisation.id,
      entry_line_id: line7441.id,
      grant_id: grant.id,
      amount: 500,
    })
    let r = await results(organisation)
    const perFunder = r.get(`cross.grant_revenue_vs_ledger:${funder.id}`)!
    assert.equal(perFunder.status, 'ok')
    assert.equal(Number(perFunder.actual), 1500)
    // 300 € of operating grants carry no convention.
    const total = r.get('cross.grant_revenue_vs_ledger:total')!
    assert.equal(total.status, 'discrepancy')
    assert.equal(Number(total.expected), 1800)
    assert.equal(Number(total.actual), 1500)
    assert.equal(Number(total.difference), -300)

    // Attributing the rest makes the convention's revenue exceed its split for the year.
    await db
      .from('grant_line_allocations')
      .where('entry_line_id', line7441.id)
      .update({ amount: 800 })
    r = await results(organisation)
    assert.equal(r.get('cross.grant_revenue_vs_ledger:total')?.status, 'ok')
    assert.equal(r.get(`cross.grant_revenue_vs_ledger:${funder.id}`)?.status, 'discrepancy')
    assert.equal(Number(r.get(`cross.grant_revenue_vs_ledger:${funder.id}`)!.difference), 300)
  })

  test('grant revenue per funder against the ledger, and funding per beneficiary with N-1', async ({
    assert,
  }) => {
    const { organisation, programme } = await setup()
    const { entry, lineGrant } = await ledger(organisation)
    const [funder] = await db
      .table('funders')
      .insert({ organisation_id: organisation.id, name: 'Région', category: 'region' })
      .returning('id')
    const [grant] = await db
      .table('grants')
      .insert({
        organisation_id: organisation.id,
        funder_id: funder.id,
        reference: 'R-1',
        title: 'CEJ',
        period_start: '2022-01-01',
        period_end: '2023-12-31',
        amount_awarded: 50000,
        status: 'signed',
      })
      .returning('id')
    await db.table('grant_years').multiInsert([
      { organisation_id: organisation.id, grant_id: grant.id, year: 2022, amount: 10000 },
      { organisation_id: organisation.id, grant_id: grant.id, year: 2023, amount: 24000 },
    ])
    await db
      .table('grant_programmes')
      .insert({ organisation_id: organisation.id, grant_id: grant.id, programme_id: programme })
    await put(organisation, 'beneficiaires_dispositif', 100, { programme, year: 2022 })
    await put(organisation, 'beneficiaires_dispositif', 120, { programme })
    await entry('2023', [
      ['512', 24000, 0],
      ['7441', 0, 24000],
    ])
    await lineGrant('7441', grant.id)
    let r = await results(organisation)
    const revenue = r.get(`cross.grant_revenue_vs_ledger:${funder.id}`)!
    assert.equal(revenue.status, 'ok')
    const perBeneficiary = r.get('funding.per_beneficiary:CEJ')!
    assert.equal(Number(perBeneficiary.actual), 200)
    assert.equal(Number(perBeneficiary.expected), 100)
    // 200 € against 100 € the year before: a jump of more than half is flagged, as an atypical
    // value to explain (one ratio, not two sources that disagree).
    assert.equal(perBeneficiary.status, 'atypical')

    // Cost per beneficiary from the analytic ledger: 2 400 € of direct costs for 120 people.
    assert.equal(r.get('funding.cost_per_beneficiary')?.status, 'missing_data')
    await entry('2023', [
      ['6061', 2400, 0],
      ['512', 0, 2400],
    ])
    await db
      .from('entry_lines')
      .where({ organisation_id: organisation.id, account_number: '6061' })
      .update({ programme_id: programme })
    r = await results(organisation)
    const cost = r.get('funding.cost_per_beneficiary:CEJ')!
    assert.equal(Number(cost.actual), 20)
    assert.deepInclude(cost.details!, {
      label: 'Financements rattachés au dispositif',
      value: 24000,
    })

    await db.from('grant_years').where({ grant_id: grant.id, year: 2023 }).update({ amount: 15000 })
    r = await results(organisation)
    assert.equal(r.get(`cross.grant_revenue_vs_ledger:${funder.id}`)?.status, 'discrepancy')
    assert.equal(Number(r.get(`cross.grant_revenue_vs_ledger:${funder.id}`)!.difference), 9000)
    assert.equal(r.get('funding.per_beneficiary:CEJ')?.status, 'ok')
  })
})
