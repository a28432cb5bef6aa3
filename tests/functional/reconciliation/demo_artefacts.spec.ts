import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { demoOrganisation, inspecting, isolated, tenantOf } from '#tests/helpers'
import { ReconciliationChecks, type StoredResult } from '#reports/reconciliation/check_results'

/*
 * The whole demo's 2023 reconciliation (issue #14): what it reports that is not concordant is the
 * printed report's own inconsistencies, which the demo reproduces, and nothing made by the demo
 * data. Each entry is [check id, status, difference].
 */
type Finding = [string, string, number | null]

/** The printed report's own inconsistencies (rapport-activite-2023.txt). */
const PRINTED: Finding[] = [
  // Activity: parts printed that do not make their printed total (demo_reconciliation.spec.ts).
  ['activity.breakdown_vs_total:contrats_signes:contract_type', 'discrepancy', -2],
  ['activity.breakdown_vs_total:dispositif_accompagnes:DEDANS_DEHORS:level', 'discrepancy', 7],
  ['activity.territories_vs_total:jeunes_accompagnes', 'discrepancy', -228],
  ['activity.territories_vs_total:primo_accueillis', 'discrepancy', -99],
  ['activity.first_welcome_year', 'discrepancy', 11],
  ['activity.programme_two_sources:DEDANS_DEHORS', 'discrepancy', 73],
  ['activity.programme_two_sources:PLIE', 'discrepancy', 17],
  ['activity.programme_two_sources:SORTIR_DE_LA_RUE', 'discrepancy', 1],
  ['activity.evolution_parts_vs_total:jeunes_accompagnes:nord-est', 'discrepancy', -8.13],
  ['activity.first_welcome_year_labels', 'discrepancy', -1],
  // Printed evolutions and shares rounded to the unit.
  ['activity.evolution_parts_vs_total:jeunes_accompagnes:antennes', 'rounding', -0.15],
  ['activity.evolution_parts_vs_total:jeunes_accompagnes:rennes-metropole', 'rounding', 0.22],
  ['activity.evolution_parts_vs_total:jeunes_accompagnes:vallons-de-vilaine', 'rounding', -0.32],
  ['activity.evolution_parts_vs_total:primo_accueillis:antennes', 'rounding', -0.59],
  ['activity.evolution_parts_vs_total:contrats_signes:contract_type', 'rounding', -0.37],
  ['published.activity:age_at_first_welcome:Mineurs:percent', 'rounding', -0.55],
  ['published.activity:outcomes:creation_activite:evolution', 'rounding', -0.57],
  [
    'published.activity:programmes:Accompagnement à la qualification (AAQ):evolution',
    'rounding',
    0.53,
  ],
  ['published.activity:age_of_young_people_supported:total_des_pourcentages', 'rounding', -1],
  ['published.activity:validated_level:total_des_pourcentages', 'rounding', 1],
  ['published.activity:first_welcome_year:total_des_pourcentages', 'rounding', -1],
  ['published.parts_vs_total:hr:seniority_bands:percent:total_des_pourcentages', 'rounding', 1],
  // The result printed to the euro: 403 271 € on the balance sheet, 403 272 € in the income
  // statement, 403 271,51 € in the ledger.
  ["published.accounting:balance_sheet.passif:Résultat de l'exercice:2023", 'rounding', 0.51],
  ['published.accounting_result', 'rounding', -1],
  // Dedicated funds printed from 278 222 € to 355 022 € while the printed income statement
  // commits 87 094 € and uses 168 539 €: 158 245 € move outside 6894/7894.
  ['accounting.dedicated_funds', 'discrepancy', 158244.98],
  // "Coûts annexes" printed 9 912 € while their printed detail makes 10 113 €.
  ['published.parts_vs_total:hr:training.plan_cost:couts_annexes:value:detail', 'discrepancy', 201],
  ['published.hr:training.plan_cost:couts_annexes:value', 'discrepancy', 201],
  ['published.hr:training.plan_cost:total:value', 'discrepancy', 201],
]

const finding = (r: StoredResult): Finding => [
  r.checkId,
  r.status,
  r.difference === null || r.difference === undefined ? null : Number(r.difference),
]

test.group(
  'Reconciliation of the whole demo 2023: only the printed report’s inconsistencies',
  (group) => {
    isolated(group)
    group.each.timeout(180_000)

    test('every result that is not concordant is one of the printed report’s own', async ({
      assert,
    }) => {
      const organisation = await demoOrganisation()
      const results = await new ReconciliationChecks(tenantOf(organisation), { year: 2023 }).build()
      const notOk = results.filter((r) => r.status !== 'ok')
      // Ratios far from the median are signals to explain, not two records that disagree: listed
      // apart, each with its reason.
      const signals = notOk.filter((r) => r.family === 'funding')
      for (const r of signals) {
        assert.equal(r.status, 'atypical', r.checkId)
        assert.match(r.explanation ?? '', /^Valeur atypique : /, r.checkId)
      }
      // Funding per beneficiary: the demo gives each funder's conventions to one or two
      // programmes, whatever their size (the report prints no funding per programme).
      assert.sameMembers(
        signals
          .filter((r) => r.checkId.startsWith('funding.per_beneficiary:'))
          .map((r) => r.checkId.split(':')[1]),
        ['BRSA', 'MELTING_BREIZH', 'START_APP_35', 'PLATEFORME_MOBILITE', 'SORTIR_DE_LA_RUE']
      )
      assert.sameDeepMembers(notOk.filter((r) => r.family !== 'funding').map(finding), PRINTED)
      assert.isAbove(results.length - notOk.length, 700)
    })

    test('payroll: base salaries on 6411 against the register, within the tolerance', async ({
      assert,
    }) => {
      const organisation = await demoOrganisation()
      const results = await new ReconciliationChecks(tenantOf(organisation), { year: 2023 }).build()
      const payroll = results.find((r) => r.checkId === 'cross.payroll_vs_register')!
      assert.equal(payroll.status, 'ok')
      // 6411 of the ledger, and the register's rates pro rata of the days under contract.
      assert.equal(Number(payroll.actual), 4812730.35)
      assert.equal(Number(payroll.expected), 4852790.85)
      assert.equal(Number(payroll.difference), -40060.5)
      assert.isTrue(Math.abs(Number(payroll.difference)) <= Number(payroll.tolerance))
      assert.include(payroll.explanation!, 'dans la tolérance')
      // Paid leave, bonuses and indemnities stay visible beside it, out of the comparison.
      assert.sameMembers(
        payroll.details!.map((d) => d.label),
        [
          'Masse salariale de base du registre',
          'Compte 6411',
          'Compte 6412 (hors comparaison)',
          'Compte 6413 (hors comparaison)',
          'Compte 6414 (hors comparaison)',
        ]
      )
      // The DSN made from the register and the ledger still agrees with 641x every month.
      const dsn = results.filter((r) => r.checkId.startsWith('payroll.'))
      assert.lengthOf(dsn, 36)
      assert.isTrue(dsn.every((r) => r.status === 'ok'))
    })

    test('training: HR costs on 6228/6185 and OPCO refunds on 7917, to the cent', async ({
      assert,
    }) => {
      const organisation = await demoOrganisation()
      const results = await new ReconciliationChecks(tenantOf(organisation), { year: 2023 }).build()
      const training = (id: string) =>
        results.find((r) => r.checkId === `cross.training_vs_ledger:${id}`)!
      // Teaching and ancillary costs of the HR plan (40 269 + 1 984 + 4 815 + 3 314).
      assert.deepEqual(
        [training('costs').status, Number(training('costs').expected)],
        ['ok', 50382]
      )
      assert.equal(Number(training('costs').actual), 50382)
      // Uniformation's three refunds received on 30/11/2023 (25 530 + 460 + 56 391).
      assert.deepEqual([training('opco').status, Number(training('opco').expected)], ['ok', 82381])
      assert.equal(Number(training('opco').actual), 82381)
      // The other transfers of charges stay on 7910: the printed line is unchanged.
      const transfers = await inspecting(() =>
        db
          .from('entry_lines as l')
          .join('entries as e', 'e.id', 'l.entry_id')
          .join('fiscal_years as f', 'f.id', 'e.fiscal_year_id')
          .where('l.organisation_id', organisation.id)
          .where('f.start_date', '2023-01-01')
          .whereLike('l.account_number', '791%')
          .groupBy('l.account_number')
          .orderBy('l.account_number')
          .select('l.account_number')
          .select(db.raw('sum(l.credit - l.debit)::text AS amount'))
      )
      assert.deepEqual(
        transfers.map((t) => [t.account_number, t.amount]),
        [
          ['7910', '160615.51'],
          ['7917', '82381.00'],
        ]
      )
    })

    test('before the closing, the result is read from the balance sheet accounts', async ({
      assert,
    }) => {
      const organisation = await demoOrganisation()
      const results = await new ReconciliationChecks(tenantOf(organisation), { year: 2023 }).build()
      const result = results.find((r) => r.checkId === 'accounting.result_pl_equals_balance_sheet')!
      assert.equal(result.status, 'ok')
      assert.equal(Number(result.actual), 403271.51)
      assert.equal(Number(result.expected), 403271.51)
    })
  }
)
